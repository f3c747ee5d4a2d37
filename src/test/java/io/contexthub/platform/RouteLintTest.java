package io.contexthub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.stereotype.Component;

/**
 * Lints every route file under {@code routes/} and in the connectors' folders without starting anything: explicit
 * and unique ids, every {@code routeConfigurationId}, template and {@code direct:} endpoint exists, every template
 * parameter is described and every instance gives the required ones, and every {@code bean} step names a bean of
 * the hub with that method.
 * A typo in a route file fails here, not at startup of the packaged jar (or, for a conditional route, at 3 a.m.).
 */
class RouteLintTest {

    static final Path ROUTES = Path.of("routes");
    static final Path CONNECTORS = Path.of("connectors");

    static final Map<String, Class<?>> beans = new HashMap<>();
    static final List<JsonNode> definitions = new ArrayList<>();
    static final Map<JsonNode, String> fileOf = new HashMap<>();

    @BeforeAll
    static void read() throws Exception {
        try (Stream<Path> routes = Files.walk(ROUTES); Stream<Path> connectors = Files.walk(CONNECTORS)) {
            List<Path> files = Stream.concat(routes, connectors.filter(f -> f.getNameCount() == 3))
                    .filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("connector.yaml")).sorted().toList();
            for (Path file : files) {
                for (JsonNode definition : new YAMLMapper().readTree(file.toFile())) {
                    definitions.add(definition);
                    fileOf.put(definition, file.toString());
                }
            }
        }
        assertThat(fileOf.values()).contains("connectors/salesforce/routes.yaml", "connectors/salesforce/changes.yaml");
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new org.springframework.core.type.filter.AnnotationTypeFilter(Component.class));
        var registry = new SimpleBeanDefinitionRegistry();
        for (BeanDefinition definition : scanner.findCandidateComponents("io.contexthub")) {
            Class<?> type = Class.forName(definition.getBeanClassName());
            beans.put(AnnotationBeanNameGenerator.INSTANCE.generateBeanName(definition, registry), type);
            for (Method method : type.getDeclaredMethods()) {
                Bean bean = method.getAnnotation(Bean.class);
                if (bean != null) {
                    List<String> names = bean.name().length > 0 ? Arrays.asList(bean.name()) : List.of(method.getName());
                    names.forEach(name -> beans.put(name, method.getReturnType()));
                }
            }
        }
        assertThat(definitions).hasSizeGreaterThan(10);
    }

    @Test
    void everyRouteTemplateAndConfigurationHasAUniqueExplicitId() {
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode definition : definitions) {
            String kind = definition.fieldNames().next();
            String id = definition.path(kind).path(kind.equals("templatedRoute") ? "routeId" : "id").asText("");
            if (id.isBlank()) {
                problems.add(fileOf.get(definition) + ": a " + kind + " without id");
            } else if (!ids.add((kind.equals("templatedRoute") ? "route" : kind) + ":" + id)) {
                problems.add(fileOf.get(definition) + ": " + kind + " id " + id + " is used twice");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyReferenceResolves() {
        Set<String> configurations = ids("routeConfiguration");
        Map<String, JsonNode> templates = new HashMap<>();
        definitions.stream().filter(d -> d.has("routeTemplate"))
                .forEach(d -> templates.put(d.path("routeTemplate").path("id").asText(), d.path("routeTemplate")));
        Set<String> directs = new HashSet<>();
        walk((node, file) -> {
            String uri = node.path("from").path("uri").asText("");
            if (uri.startsWith("direct:")) {
                directs.add(uri);
            }
        });
        List<String> problems = new ArrayList<>();
        walk((node, file) -> {
            if (node.has("routeConfigurationId") && !configurations.contains(node.path("routeConfigurationId").asText())) {
                problems.add(file + ": no routeConfiguration " + node.path("routeConfigurationId").asText());
            }
            JsonNode bean = node.path("bean");
            if (bean.isObject() && bean.has("ref")) {
                String ref = bean.path("ref").asText();
                Class<?> type = beans.get(ref);
                String method = bean.path("method").asText("").replaceFirst("\\(.*", "");
                if (type == null) {
                    problems.add(file + ": bean " + ref + " does not exist");
                } else if (!method.isEmpty() && Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(method))) {
                    problems.add(file + ": bean " + ref + " (" + type.getSimpleName() + ") has no method " + method);
                }
            }
            JsonNode setProperty = node.path("setProperty");
            if (setProperty.path("name").asText().equals(HubHeaders.STAGE) && Arrays.stream(Stage.values())
                    .noneMatch(stage -> stage.text().equals(setProperty.path("constant").asText()))) {
                problems.add(file + ": stage " + setProperty.path("constant").asText() + " is no Stage");
            }
            JsonNode strategy = node.path("aggregationStrategy");
            if (strategy.isTextual() && !beans.containsKey(strategy.asText())) {
                problems.add(file + ": aggregation strategy " + strategy.asText() + " does not exist");
            }
            String to = node.path("to").isTextual() ? node.path("to").asText() : node.path("to").path("uri").asText("");
            if (to.startsWith("direct:") && !directs.contains(to)) {
                problems.add(file + ": nothing consumes " + to);
            }
            if (node.has("routeTemplateRef")) {
                JsonNode template = templates.get(node.path("routeTemplateRef").asText());
                if (template == null) {
                    problems.add(file + ": no routeTemplate " + node.path("routeTemplateRef").asText());
                } else {
                    problems.addAll(parameterProblems(file, template, node.path("parameters")));
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTemplateParameterIsDescribed() {
        List<String> problems = new ArrayList<>();
        definitions.stream().filter(d -> d.has("routeTemplate")).forEach(d -> {
            for (JsonNode parameter : d.path("routeTemplate").path("parameters")) {
                if (parameter.path("description").asText("").isBlank()) {
                    problems.add(fileOf.get(d) + ": parameter " + parameter.path("name").asText() + " of "
                            + d.path("routeTemplate").path("id").asText() + " has no description");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    private static List<String> parameterProblems(String file, JsonNode template, JsonNode given) {
        List<String> problems = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        Set<String> names = new HashSet<>();
        given.fieldNames().forEachRemaining(names::add);
        given.forEach(p -> {
            if (p.has("name")) {
                names.add(p.path("name").asText());
            }
        });
        for (JsonNode parameter : template.path("parameters")) {
            String name = parameter.path("name").asText();
            declared.add(name);
            boolean optional = parameter.has("defaultValue") || parameter.path("required").asText().equals("false");
            if (!optional && !names.contains(name)) {
                problems.add(file + ": " + template.path("id").asText() + " needs parameter " + name);
            }
        }
        names.stream().filter(n -> !declared.contains(n))
                .forEach(n -> problems.add(file + ": " + template.path("id").asText() + " has no parameter " + n));
        return problems;
    }

    private static Set<String> ids(String kind) {
        Set<String> ids = new HashSet<>();
        definitions.stream().filter(d -> d.has(kind)).forEach(d -> ids.add(d.path(kind).path("id").asText()));
        return ids;
    }

    /** Every object node of every definition, with its file. */
    private static void walk(BiConsumer<JsonNode, String> visitor) {
        for (JsonNode definition : definitions) {
            walk(definition, fileOf.get(definition), visitor);
        }
    }

    private static void walk(JsonNode node, String file, BiConsumer<JsonNode, String> visitor) {
        if (node.isObject()) {
            visitor.accept(node, file);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> walk(child, file, visitor));
        }
    }
}
