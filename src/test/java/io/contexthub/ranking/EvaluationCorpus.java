package io.contexthub.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The labelled set ({@code evaluation/ranking-set.yaml}) plus generated distractors: thousands of short, generic
 * support messages, customers and invoices of other (invented) people, the crowd a real store holds around the
 * few documents a query is about. Generated from a fixed seed, so every run ranks the same corpus.
 */
final class EvaluationCorpus {

    record Query(String kind, String text, List<String> relevant) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] FIRST = {"Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Ines",
        "Jakub", "Kira", "Leo", "Maya", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera",
        "Will", "Xenia", "Yusuf", "Zoe", "Amir", "Bianca", "Chen", "Dana", "Emil", "Fatima", "Goran", "Hana",
        "Ivan", "Julia", "Karim", "Lina", "Marco", "Nora"};
    private static final String[] LAST = {"Adams", "Baker", "Costa", "Dietrich", "Evans", "Fischer", "Garcia",
        "Horvat", "Ito", "Jansen", "Kowalski", "Lopez", "Meyer", "Novak", "Okafor", "Petrov", "Quist", "Rossi",
        "Silva", "Tanaka", "Ueda", "Varga", "Walsh", "Xu", "Young", "Zimmer", "Ahmed", "Brown", "Cohen", "Dalton"};
    private static final String[] COMPANY_A = {"Acorn", "Beacon", "Cedar", "Delta", "Ember", "Falcon", "Granite",
        "Harbor", "Iris", "Juniper", "Kite", "Lumen", "Maple", "North", "Opal", "Prism", "Quartz", "River",
        "Summit", "Tidal", "Union", "Vista", "Willow", "Zephyr"};
    private static final String[] COMPANY_B = {"Analytics", "Bikes", "Consulting", "Design", "Electric", "Foods",
        "Games", "Homes", "Imports", "Jewellery", "Kitchens", "Labs", "Media", "Networks", "Outdoor", "Pharmacy",
        "Realty", "Software", "Textiles", "Tours", "Ventures", "Wines"};
    private static final String[] TITLES = {"Office Manager", "Sales Director", "Marketing Manager",
        "Software Engineer", "Accountant", "Operations Manager", "CEO", "Product Manager", "Customer Success Manager",
        "Buyer", "HR Manager", "Designer", "Store Manager", "Finance Manager", "Support Agent", "Data Analyst"};
    private static final String[] PLACES = {"France", "Germany", "Spain", "Italy", "United States", "Canada",
        "United Kingdom", "Netherlands", "Japan", "Singapore", "Australia", "Ireland", "Brazil", "India", "Poland"};
    private static final String[] INDUSTRIES = {"Retail", "Software", "Manufacturing", "Hospitality", "Education",
        "Healthcare", "Logistics", "Media", "Construction", "Finance", "Apparel and fashion", "Food and beverage"};
    private static final String[] SUBJECTS = {"Question", "Help please", "Order", "Account", "Quick question",
        "Billing", "Issue", "Request", "Hello", "Follow-up", "Urgent", "Feedback"};
    /** Short, generic messages, the kind that buried paraphrase targets before. */
    private static final String[] MESSAGES = {
        "Where is my order #%d?", "Thanks for your help!", "Please update my billing address.",
        "Can I change the delivery date to next %s?", "The app crashes when I open the settings page.",
        "How do I add a new user to our account?", "I forgot my password and the reset link does not work.",
        "Please cancel my subscription at the end of the month.", "Is there a discount for nonprofits?",
        "Can you send me a copy of invoice %d?", "The dashboard loads very slowly today.",
        "I would like to upgrade to the annual plan.", "Where can I download the mobile app?",
        "Our team needs more storage space.", "Can we pay by bank transfer instead of card?",
        "The search on your website returns nothing for my order %d.", "Great service, thank you!",
        "I was charged the wrong amount on my last order %d.", "Can I get a receipt for my purchase?",
        "My colleague cannot see the shared folder.", "Do you ship to %s?", "The discount code does not work.",
        "How long does a refund usually take?", "I need to change the email address on my account.",
        "Can you call me back tomorrow %s?", "The item I received is the wrong size.",
        "Is the service down? I get an error page.", "How do I export my contacts?",
        "Please remove me from the mailing list.", "Our office moved, please update the shipping address.",
        "We would like a demo for our team.", "The notification emails go to spam.",
        "Can you extend our trial by a week?", "I cannot upload a file larger than 10 MB.",
        "Which plan includes phone support?", "The tracking number for order %d does not work.",
        "Please add my colleague as an admin.", "How do I connect the calendar integration?",
        "We are closed on %s, please deliver another day.", "The printer setup guide is unclear.",
        "Ok, that works now.", "See attached screenshot.", "Any update on this?", "Still waiting for an answer.",
        "Could you check my account please?", "I have a question about my bill.", "Perfect, thanks a lot.",
        "The password reset email never arrived.", "We need an invoice with our company name on it.",
        "Is there an API for orders?", "The chat widget does not load on Safari.", "Can I pause my subscription?"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] ITEMS = {"Starter plan, monthly", "Pro plan, annual", "Extra seats",
        "Onboarding package", "Premium support", "Storage add-on", "Team plan, monthly", "Setup fee"};
    private static final String[] STATUSES = {"paid", "paid", "paid", "open", "void", "draft"};

    private EvaluationCorpus() {
    }

    static JsonNode set() {
        try (InputStream in = EvaluationCorpus.class.getResourceAsStream("/evaluation/ranking-set.yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> queries(JsonNode set) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode q : set.path("queries")) {
            List<String> relevant = new ArrayList<>();
            q.path("relevant").forEach(r -> relevant.add(r.asText()));
            queries.add(new Query(q.path("kind").asText(), q.path("q").asText(), relevant));
        }
        return queries;
    }

    /** The labelled documents as canonical JSON. */
    static List<ObjectNode> labelled(JsonNode set) {
        List<ObjectNode> documents = new ArrayList<>();
        for (JsonNode entry : set.path("documents")) {
            ObjectNode document = ((ObjectNode) entry).deepCopy();
            document.remove("hard");
            documents.add(canonical(document));
        }
        return documents;
    }

    /** {@code count} distractors: ~60% messages, ~28% customers, ~12% invoices. */
    static List<ObjectNode> distractors(int count, JsonNode set) {
        Set<String> targetRoles = new HashSet<>();
        for (JsonNode document : set.path("documents")) {
            targetRoles.add(document.at("/attributes/title").asText() + "|" + document.at("/attributes/country").asText());
        }
        Random random = new Random(20261201);
        List<ObjectNode> documents = new ArrayList<>();
        for (int i = 0; documents.size() < count; i++) {
            String first = pick(random, FIRST);
            String last = pick(random, LAST);
            String company = pick(random, COMPANY_A) + " " + pick(random, COMPANY_B);
            String domain = company.toLowerCase().replace(" ", "-") + ".example.org";
            String customerId = "customer:frontapp:crd_d" + i;
            Instant day = Instant.parse("2025-06-01T00:00:00Z").plusSeconds(random.nextInt(360) * 86_400L
                    + random.nextInt(86_400));
            int roll = random.nextInt(100);
            ObjectNode document = JSON.createObjectNode();
            if (roll < 60) {
                String template = pick(random, MESSAGES);
                String text = String.format(template, template.contains("%d") ? (Object) (10_000 + random.nextInt(90_000))
                        : template.contains("%s") ? pick(random, template.contains("ship") ? PLACES : DAYS) : "");
                document.put("type", "event").put("source", "frontapp").put("sourceId", "msg_d" + i)
                        .put("eventType", "message.inbound").put("occurredAt", day.toString())
                        .put("channel", "email").put("direction", "inbound").put("subject", pick(random, SUBJECTS))
                        .put("text", text);
                document.putObject("customer").put("id", customerId).put("name", first + " " + last);
            } else if (roll < 88) {
                String title = pick(random, TITLES);
                String country = pick(random, PLACES);
                if (targetRoles.contains(title + "|" + country)) {
                    continue;
                }
                document.put("type", "customer").put("source", "frontapp").put("sourceId", "crd_d" + i)
                        .put("kind", "person").put("name", first + " " + last);
                document.putArray("emails").add(first.toLowerCase() + "." + last.toLowerCase() + i + "@" + domain);
                document.putObject("company").put("name", company).put("domain", domain);
                document.putObject("attributes").put("title", title).put("country", country)
                        .put("industry", pick(random, INDUSTRIES));
            } else {
                int amount = (5 + random.nextInt(500)) * 100;
                String status = pick(random, STATUSES);
                document.put("type", "invoice").put("source", "stripe").put("sourceId", "in_d" + i)
                        .put("number", "INV-" + (100_000 + i)).put("status", status).put("currency", "EUR")
                        .put("total", amount).put("issuedAt", day.toString());
                document.putObject("customer").put("id", customerId).put("name", company);
                ArrayNode lines = document.putArray("lineItems");
                lines.addObject().put("description", pick(random, ITEMS)).put("amount", amount);
            }
            documents.add(canonical(document));
        }
        return documents;
    }

    /** Adds what the hub adds to every mapped document: id, updatedAt, provenance. */
    private static ObjectNode canonical(ObjectNode document) {
        String type = document.path("type").asText();
        String source = document.path("source").asText();
        document.put("id", type + ":" + source + ":" + document.path("sourceId").asText());
        String time = document.path(type.equals("event") ? "occurredAt" : "issuedAt").asText("2026-05-01T00:00:00Z");
        if (!document.has("updatedAt")) {
            document.put("updatedAt", time);
        }
        document.putObject("provenance").put("connector", source).put("stream", "evaluation").put("receivedAt", time)
                .put("signatureVerified", true).put("envelopeId", "evaluation").put("mapping", "evaluation");
        return document;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
