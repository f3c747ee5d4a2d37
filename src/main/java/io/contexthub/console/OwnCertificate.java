package io.contexthub.console;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.stereotype.Component;

/**
 * Over TLS the console calls the API on the hub's own port, so the one certificate to trust is the hub's own (from
 * {@code server.ssl.*}): it is pinned — exactly that certificate is accepted, whatever name the connection used
 * (loopback addresses are rarely among a certificate's names), and nothing else is.
 */
@Component
public class OwnCertificate {

    private final ServerProperties server;
    private final SslBundles bundles;

    public OwnCertificate(ServerProperties server, SslBundles bundles) {
        this.server = server;
        this.bundles = bundles;
    }

    SSLContext trustingOnlyIt() {
        try {
            SslBundle bundle = WebServerSslBundle.get(server.getSsl(), bundles);
            KeyStore keys = bundle.getStores().getKeyStore();
            String alias = bundle.getKey().getAlias() != null ? bundle.getKey().getAlias()
                    : Collections.list(keys.aliases()).stream().filter(a -> isKey(keys, a)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("server.ssl names no key the console can trust"));
            Certificate own = keys.getCertificate(alias);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Pinned(own)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the hub's own certificate for the console: " + e.getMessage(),
                    e);
        }
    }

    private static boolean isKey(KeyStore keys, String alias) {
        try {
            return keys.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Accepts a server whose certificate is exactly the pinned one. */
    private static final class Pinned extends X509ExtendedTrustManager {

        private final Certificate own;

        Pinned(Certificate own) {
            this.own = own;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0 || !chain[0].equals(own)) {
                throw new CertificateException("the server is not this hub: its certificate is not the hub's own");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the console is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the console is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the console is a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
