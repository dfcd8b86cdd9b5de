package ru.connections.health;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.SharedServer;

/**
 * The health timer is inspectable the way ops would look at it: JMX over Liberty's REST connector,
 * signed in as the configured administrator, through the EJBPersistentTimerService MXBean.
 */
class TimerMBeanIT {

    @Test
    void theEjbPersistentTimerServiceMBeanListsTheHealthTimer() throws Exception {
        LibertyServer server = SharedServer.get();
        Map<String, Object> env = new HashMap<>();
        env.put("jmx.remote.protocol.provider.pkgs", "com.ibm.ws.jmx.connector.client");
        env.put(JMXConnector.CREDENTIALS, new String[] {"admin", SharedServer.ADMIN_PASSWORD});
        env.put("com.ibm.ws.jmx.connector.client.disableURLHostnameVerification", Boolean.TRUE);
        // The server's certificate is self-signed and made at its first start; this test trusts it.
        env.put("com.ibm.ws.jmx.connector.client.CUSTOM_SSLSOCKETFACTORY", trustingContext().getSocketFactory());
        JMXServiceURL url = new JMXServiceURL("REST", "localhost", server.httpsPort(), "/IBMJMXConnectorREST");
        try (JMXConnector connector = JMXConnectorFactory.connect(url, env)) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            ObjectName service = new ObjectName(
                    "WebSphere:feature=ejbPersistentTimer,type=EJBPersistentTimerService,name=EJBPersistentTimerService");
            CompositeData[] timers = (CompositeData[]) mbeans.invoke(service, "getTimers",
                    new Object[] {"connections"}, new String[] {String.class.getName()});
            String listed = Arrays.toString(timers);
            assertTrue(listed.contains("HealthCheckTimer"), listed);
            assertTrue(listed.contains("Evotor health check"), "the timer's info: " + listed);
        }
    }

    private static SSLContext trustingContext() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return context;
    }
}
