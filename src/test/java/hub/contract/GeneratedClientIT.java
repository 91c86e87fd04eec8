package hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client generated from the running hub's /api/openapi.json compiles and works: openapi-generator's Java client
 * (java.net.http, Jackson), generated into target/generated-client, compiled against the test classpath, lists
 * a tenant's chatbots.
 * The generator runs as its own program (target/tools/openapi-generator-cli.jar, copied there by the build):
 * it needs a newer swagger-parser than the hub runs with.
 */
@IntegrationTest
class GeneratedClientIT {

    private static final Path GENERATOR = Path.of("target", "tools", "openapi-generator-cli.jar");
    private static final Path OUTPUT = Path.of("target", "generated-client");
    private static final Pattern LOG_PROBLEM = Pattern.compile("^\\[[^\\]]*\\] (WARN|ERROR)\\b");

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;

    @Test
    void aJavaClientGeneratedFromTheDocumentCompiles() throws Exception {
        assertThat(GENERATOR).as("openapi-generator-cli, copied by the build (mvn verify)").exists();
        delete(OUTPUT);
        Files.createDirectories(OUTPUT);
        Path document = OUTPUT.resolve("openapi.json");
        Files.writeString(document, ApiContract.of(new HubHttp(port).url("")).json());

        List<String> generatorOutput = generate(document);
        assertThat(generatorOutput.stream().filter(GeneratedClientIT::matters).toList())
                .as("openapi-generator errors and warnings (full output in target/generated-client/generator.log)").isEmpty();

        List<String> errors = compile(OUTPUT.resolve("src/main/java"));
        assertThat(errors).as("compile errors of the generated client").isEmpty();
        assertThat(OUTPUT.resolve("classes/org/openapitools/client/api")).as("API classes were generated").isNotEmptyDirectory();

        Tenant tenant = tenants.create("Generated client " + UUID.randomUUID());
        assertThat(listChatbots(tenant)).as("the generated client reads the hub's answer").contains(tenant.chatbotId().toString());
    }

    /** GET /api/chatbots (operation api-chatbots) through the generated client; its answer as the client's model prints it. */
    private String listChatbots(Tenant tenant) throws Exception {
        try (URLClassLoader generated = new URLClassLoader(new URL[] {OUTPUT.resolve("classes").toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> clientClass = generated.loadClass("org.openapitools.client.ApiClient");
            Object client = clientClass.getConstructor().newInstance();
            clientClass.getMethod("updateBaseUri", String.class).invoke(client, new HubHttp(port).url(""));
            Consumer<HttpRequest.Builder> bearer = request -> request.header("Authorization", "Bearer " + tenant.apiKey());
            clientClass.getMethod("setRequestInterceptor", Consumer.class).invoke(client, bearer);
            try (Stream<Path> apis = Files.list(OUTPUT.resolve("classes/org/openapitools/client/api"))) {
                for (Path file : apis.filter(path -> !path.getFileName().toString().contains("$")).toList()) {
                    String name = file.getFileName().toString().replace(".class", "");
                    Class<?> api = generated.loadClass("org.openapitools.client.api." + name);
                    Method operation;
                    try {
                        operation = api.getMethod("apiChatbots");
                    } catch (NoSuchMethodException notThisApi) {
                        continue;
                    }
                    return String.valueOf(operation.invoke(api.getConstructor(clientClass).newInstance(client)));
                }
            }
        }
        throw new AssertionError("no generated API class has apiChatbots() (operation api-chatbots)");
    }

    /** Runs the generator; fails if it does not finish or exits with an error (the document failed its validation). */
    private static List<String> generate(Path document) throws IOException, InterruptedException {
        Path log = OUTPUT.resolve("generator.log");
        Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", GENERATOR.toString(), "generate", "--generator-name", "java", "--library", "native",
                "--input-spec", document.toString(), "--output", OUTPUT.toString(),
                "--additional-properties", "useJakartaEe=true,hideGenerationTimestamp=true",
                "--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = generator.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            generator.destroyForcibly();
        }
        List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(finished && generator.exitValue() == 0).as("openapi-generator succeeded:\n%s", String.join("\n", output)).isTrue();
        return output;
    }

    /** The generator's own ERROR and WARN log lines ("[main] WARN  o.o.codegen.DefaultCodegen - ..."). */
    private static boolean matters(String line) {
        return LOG_PROBLEM.matcher(line).find();
    }

    /** Compiles every generated source against the test classpath (Jackson, jackson-databind-nullable, jakarta.annotation). */
    private static List<String> compile(Path sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(path -> path.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        assertThat(files).as("generated sources").isNotEmpty();
        Path classes = Files.createDirectories(OUTPUT.resolve("classes"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-proc:none", "-nowarn", "-encoding", "UTF-8", "-d", classes.toString(),
                    "-classpath", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            compiler.getTask(null, fileManager, diagnostics, options, null, fileManager.getJavaFileObjectsFromFiles(files)).call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                errors.add((diagnostic.getSource() == null ? "" : diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": ")
                        + diagnostic.getMessage(Locale.ROOT));
            }
        }
        return errors;
    }

    private static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
