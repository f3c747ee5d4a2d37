package io.contexthub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of docs/architecture.md, checked on the compiled classes: features (each package, sub-packages
 * included as their own slice) depend on each other without cycles, and data flows one way — ingress → staging →
 * processing → store, the API reading the store.
 */
@AnalyzeClasses(packages = "io.contexthub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.contexthub.(**)").should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule stagingKnowsNothingOfWhatFeedsIt = noClasses().that()
            .resideInAPackage("io.contexthub.staging..").should().dependOnClassesThat()
            .resideInAnyPackage("io.contexthub.webhook..", "io.contexthub.sync..", "io.contexthub.connector..",
                    "io.contexthub.pipeline..", "io.contexthub.store..", "io.contexthub.api..");

    @ArchTest
    static final ArchRule theStoreKnowsNothingOfItsWritersAndReaders = noClasses().that()
            .resideInAPackage("io.contexthub.store").should().dependOnClassesThat()
            .resideInAnyPackage("io.contexthub.webhook..", "io.contexthub.connector..", "io.contexthub.pipeline..",
                    "io.contexthub.api..", "io.contexthub.customer..", "io.contexthub.mcp..",
                    "io.contexthub.identity..", "io.contexthub.sync..", "io.contexthub.store.opensearch..");

    /** The store (both implementations) reads the kinds of document from the canonical model, not from mapping. */
    @ArchTest
    static final ArchRule theStoresDoNotDependOnTheMappings = noClasses().that()
            .resideInAPackage("io.contexthub.store..").should().dependOnClassesThat()
            .resideInAnyPackage("io.contexthub.mapping..");

    @ArchTest
    static final ArchRule connectorsDoNotKnowEachOther = slices().matching("io.contexthub.connector.(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule sharedCodeDoesNotNameASource = noClasses().that()
            .resideOutsideOfPackage("io.contexthub.connector..").should().dependOnClassesThat()
            .resideInAPackage("io.contexthub.connector..");
}
