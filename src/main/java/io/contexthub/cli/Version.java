package io.contexthub.cli;

import picocli.CommandLine;

/** The jar's version, from its manifest. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = HubCli.class.getPackage().getImplementationVersion();
        return new String[] {"Context Hub " + (version == null ? "(not packaged)" : version)};
    }
}
