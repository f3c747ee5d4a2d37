package io.contexthub.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.access.Grant;
import io.contexthub.api.ConnectorsApi;
import io.contexthub.api.ContextApi;
import io.contexthub.customer.CustomerContextApi;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.staging.SourceActivity;
import io.contexthub.store.DocumentScope;
import io.contexthub.tenant.Tenants;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The tools an agent gets over MCP. Each is the same answer the HTTP API gives (same checks, same store), as JSON
 * or, with {@code max_tokens}, as compact text within that budget ({@link CompactText}). A refused call is an MCP
 * tool error whose text says what to change; it never carries a stack trace.
 */
@Component
public class ContextTools {

    private static final Logger log = LoggerFactory.getLogger(ContextTools.class);

    /** The transport context's entry for the caller's grant (McpConfiguration puts it there). */
    static final String GRANT = "grant";

    static final String FILTERS = """
            "customer": {"type": "string", "description": "Only this customer's documents: a canonical id (customer:stripe:cus_...) or any e-mail, phone number or provider id one of their records carries."},
            "source": {"type": "string", "description": "Only documents from this connector: frontapp, hubspot, stripe, salesforce, ga4 or a webhook sender's name."},
            "type": {"type": "string", "enum": ["customer", "invoice", "deal", "event"], "description": "Only this kind of document."},
            "eventType": {"type": "string", "description": "Only events of this type, e.g. message.received."},
            "status": {"type": "string", "description": "Only invoices in this status (draft, open, paid, void, uncollectible) or deals in this status (open, won, lost)."},
            "from": {"type": "string", "description": "Only documents dated at or after this ISO-8601 instant or date (2026-03-01)."},
            "to": {"type": "string", "description": "Only documents dated before this ISO-8601 instant or date."},
            "max_tokens": {"type": "integer", "minimum": 50, "description": "Answer as compact text of about this many tokens, most relevant first, instead of full JSON documents."}
            """;

    private final ContextApi search;
    private final CustomerContextApi customers;
    private final ConnectorsApi connectors;
    private final SourceActivity activity;
    private final ObjectMapper mapper;
    private final Tenants tenants;

    public ContextTools(ContextApi search, CustomerContextApi customers, ConnectorsApi connectors,
                        SourceActivity activity, ObjectMapper mapper, Tenants tenants) {
        this.tenants = tenants;
        this.search = search;
        this.customers = customers;
        this.connectors = connectors;
        this.activity = activity;
        this.mapper = mapper;
    }

    List<SyncToolSpecification> specifications(McpJsonMapper json) {
        return List.of(
                tool(json, "search_context", """
                        Search the customer context (conversations, CRM records and activities, invoices, product \
                        events) by meaning and keywords. An e-mail address, phone number, invoice number or provider \
                        id in the query finds its documents first. Filters narrow the search; with filters and no \
                        query, documents are listed newest first.""", """
                        {"type": "object", "properties": {
                          "query": {"type": "string", "description": "What to look for, in plain words or an identifier."},
                          "k": {"type": "integer", "minimum": 1, "maximum": 100, "description": "How many documents (default 10)."},
                        """ + FILTERS + "}}", this::searchContext),
                tool(json, "get_customer_context", """
                        Everything known about one customer in one call: their records in every connected source \
                        (linked by e-mail, CRM ids and company), a timeline of their conversations and activities \
                        (newest first), their invoices with what is open, overdue and paid, their deals with the \
                        stage each is in, and how fresh each source is.""", """
                        {"type": "object", "required": ["customer"], "properties": {
                          "customer": {"type": "string", "description": "A canonical customer id, a profile id, or any e-mail, phone number or provider id of the customer; all records linked to it across sources are included."},
                          "query": {"type": "string", "description": "Rank the timeline by relevance to this instead of by time."},
                          "k": {"type": "integer", "minimum": 1, "maximum": 100, "description": "Timeline entries (default 20)."},
                          "max_tokens": {"type": "integer", "minimum": 50, "description": "Answer as compact text of about this many tokens."}}}""",
                        this::customerContext),
                tool(json, "get_document", "One canonical document (customer, invoice, deal or event) by its id, e.g. "
                        + "event:frontapp:msg_1sagx9sk, with its provenance.", """
                        {"type": "object", "required": ["id"], "properties": {
                          "id": {"type": "string", "description": "The document id: <type>:<source>:<source id>."}}}""",
                        this::document),
                tool(json, "source_status", """
                        How fresh the context is: for every scheduled sync its state, cursor and lag, and for every \
                        source when it last delivered something to this hub. Use it to tell "nothing new" from \
                        "a feed is down".""", "{\"type\": \"object\", \"properties\": {}}", (arguments, scope) -> sourceStatus()));
    }

    private SyncToolSpecification tool(McpJsonMapper json, String name, String description, String schema,
                                       BiFunction<Map<String, Object>, DocumentScope, Object> call) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(json, schema).build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> answer(name, request.arguments(),
                        exchange.transportContext().get(GRANT), call)).build();
    }

    private McpSchema.CallToolResult answer(String name, Map<String, Object> arguments, Object grant,
                                            BiFunction<Map<String, Object>, DocumentScope, Object> call) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        if (!(grant instanceof Grant caller)) {
            return error("unauthorized: the request carries no authenticated key");
        }
        try {
            Object result = tenants.in(caller.tenant(), () -> call.apply(args, caller.scope()));
            String text = result instanceof String compact ? compact : mapper.writeValueAsString(result);
            return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
        } catch (RequestRejectedException rejected) {
            return error(rejected.error() + ": " + rejected.detail());
        } catch (TransientFailureException unavailable) {
            log.warn("MCP tool {} could not be served now: {}", name, unavailable.getMessage());
            return error("unavailable: a backing service is unavailable; retry later");
        } catch (Exception e) {
            log.error("MCP tool {} failed", name, e);
            return error("internal_error: the tool could not be served");
        }
    }

    private static McpSchema.CallToolResult error(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(true).build();
    }

    private Object searchContext(Map<String, Object> args, DocumentScope scope) {
        Map<String, Object> parameters = new HashMap<>();
        args.forEach((name, value) -> {
            if (value != null) {
                parameters.put(name.equals("query") ? "q" : name, value.toString());
            }
        });
        JsonNode answer = search.answer(search.parameters(parameters), scope);
        Integer budget = budget(args);
        return budget == null ? answer : CompactText.hits(answer.path("hits"), budget);
    }

    private Object customerContext(Map<String, Object> args, DocumentScope scope) {
        Object customer = args.get("customer");
        if (customer == null || customer.toString().isBlank()) {
            throw RequestRejectedException.badRequest("missing_customer", "customer is required");
        }
        Object query = args.get("query");
        Object k = args.get("k");
        JsonNode context = customers.contextOf(customer.toString(), query == null ? null : query.toString(),
                customers.size(k == null ? null : k.toString()), null, scope);
        Integer budget = budget(args);
        return budget == null ? context : CompactText.customer(context, budget);
    }

    private Object document(Map<String, Object> args, DocumentScope scope) {
        Object id = args.get("id");
        return search.document(id == null ? null : id.toString(), scope);
    }

    private Object sourceStatus() {
        var status = connectors.connectors();
        var sources = status.putObject("lastDelivered");
        activity.all().forEach((source, at) -> sources.put(source, at.toString()));
        return status;
    }

    private static Integer budget(Map<String, Object> args) {
        Object value = args.get("max_tokens");
        if (value == null) {
            return null;
        }
        try {
            int budget = Integer.parseInt(value.toString().replaceAll("\\.0+$", ""));
            if (budget >= 50) {
                return budget;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw RequestRejectedException.badRequest("invalid_max_tokens", "max_tokens must be a whole number, 50 or more");
    }
}
