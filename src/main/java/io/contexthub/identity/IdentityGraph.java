package io.contexthub.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.TransientFailureException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Links customer records by the keys they carry ({@link IdentityKeys}). Three kinds of rows in the
 * {@link IdentityTable}: a <em>posting</em> per key value (the records carrying it), a <em>member</em> per record
 * (its keys and links) and a <em>link</em>. A record's keys are posted before it looks for its matches, so of two
 * records arriving at once on two instances the later poster sees the earlier; its member row is written last and
 * marks the record as linked, so a crash in between is repaired by the redelivery. Every change is idempotent.
 */
public class IdentityGraph {

    static final String MEMBER = "member|";
    static final String POSTING = "key|";
    static final String LINK = "link|";
    private static final int ATTEMPTS = 20;

    /** For a key of each kind: the kinds of key another record must carry with the same value to match it. */
    private static final Map<String, List<String>> COMPLEMENTS = Map.of(
            IdentityKeys.EMAIL, List.of(IdentityKeys.EMAIL),
            IdentityKeys.EMAIL_DOMAIN, List.of(IdentityKeys.ORG_DOMAIN),
            IdentityKeys.ORG_DOMAIN, List.of(IdentityKeys.ORG_DOMAIN, IdentityKeys.EMAIL_DOMAIN),
            IdentityKeys.ID, List.of(IdentityKeys.XREF, IdentityKeys.ACCOUNT),
            IdentityKeys.XREF, List.of(IdentityKeys.ID),
            IdentityKeys.ACCOUNT, List.of(IdentityKeys.ID));

    private final IdentityTable table;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final int maxMembersPerKey;
    private final int maxProfileMembers;

    public IdentityGraph(IdentityTable table, ObjectMapper mapper, Clock clock, IdentityProperties properties) {
        this.table = table;
        this.mapper = mapper;
        this.clock = clock;
        this.maxMembersPerKey = properties.maxMembersPerKey();
        this.maxProfileMembers = properties.maxProfileMembers();
    }

    /** The rule that links a record carrying a key of kind {@code mine} to one carrying {@code theirs}. */
    static String rule(String mine, String theirs) {
        if (mine.equals(theirs)) {
            return mine.equals(IdentityKeys.EMAIL) ? "same-email" : "same-domain";
        }
        Set<String> kinds = Set.of(mine, theirs);
        if (kinds.equals(Set.of(IdentityKeys.EMAIL_DOMAIN, IdentityKeys.ORG_DOMAIN))) {
            return "company-domain";
        }
        return kinds.contains(IdentityKeys.ACCOUNT) ? "account" : "cross-reference";
    }

    /** Whether a record with these keys still carries its side of a link. */
    static boolean supports(Set<String> keys, String rule, String value) {
        return switch (rule) {
            case "same-email" -> keys.contains(IdentityKeys.EMAIL + ":" + value);
            case "same-domain" -> keys.contains(IdentityKeys.ORG_DOMAIN + ":" + value);
            case "company-domain" -> keys.contains(IdentityKeys.EMAIL_DOMAIN + ":" + value)
                    || keys.contains(IdentityKeys.ORG_DOMAIN + ":" + value);
            case "account" -> keys.contains(IdentityKeys.ACCOUNT + ":" + value)
                    || keys.contains(IdentityKeys.ID + ":" + value);
            default -> keys.contains(IdentityKeys.XREF + ":" + value) || keys.contains(IdentityKeys.ID + ":" + value);
        };
    }

    static String linkId(String rule, String value, String a, String b) {
        String first = a.compareTo(b) <= 0 ? a : b;
        String second = first.equals(a) ? b : a;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((rule + "\n" + value + "\n" + first + "\n" + second)
                    .getBytes(StandardCharsets.UTF_8));
            return "link_" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records a customer record's keys as they are now and links it to every record they match; retires its links
     * that its keys no longer support. Nothing happens when the keys are those already recorded.
     */
    public void observe(String customerId, Set<String> keys) {
        observe(Map.of(customerId, keys));
    }

    /**
     * {@link #observe(String, Set)} for many records at once (a processing batch), in a fixed number of round trips
     * to the table rather than a few per record.
     */
    public void observe(Map<String, Set<String>> records) {
        Map<String, IdentityTable.Row> members = table.get(records.keySet().stream().map(id -> MEMBER + id).toList());
        Map<String, Set<String>> changed = new LinkedHashMap<>();
        Map<String, Set<String>> previous = new LinkedHashMap<>();
        records.forEach((id, keys) -> {
            IdentityTable.Row member = members.get(MEMBER + id);
            Set<String> before = member == null ? null : strings(member.doc().get("keys"));
            if (!keys.equals(before)) {
                changed.put(id, keys);
                previous.put(id, before == null ? Set.of() : before);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        post(changed, previous);

        Map<String, ObjectNode> found = matches(changed, now);
        update(found.keySet(), (id, row) -> {
            if (row == null) {
                return found.get(id).deepCopy();
            }
            return IdentityLink.RETIRED.equals(row.path("state").asText())
                    ? changed(row, IdentityLink.ACTIVE, now, "hub", "holds again") : null;
        });
        Set<String> earlier = new LinkedHashSet<>();
        changed.keySet().forEach(id -> Optional.ofNullable(members.get(MEMBER + id))
                .ifPresent(row -> earlier.addAll(strings(row.doc().get("links")))));
        update(earlier.stream().filter(id -> !found.containsKey(id)).toList(), (id, row) -> {
            if (row == null || !IdentityLink.ACTIVE.equals(row.path("state").asText())) {
                return null;
            }
            String rule = row.path("rule").asText();
            String value = row.path("value").asText();
            for (String member : strings(row.get("members"))) {
                Set<String> keys = changed.get(member);
                if (keys != null && !supports(keys, rule, value)) {
                    return changed(row, IdentityLink.RETIRED, now, "hub", member + " no longer carries " + value);
                }
            }
            return null;
        });

        // every member row gains its new links; the observed records' rows, written last, also take their keys
        Map<String, Set<String>> linksOf = new LinkedHashMap<>();
        found.forEach((id, link) -> strings(link.get("members")).forEach(m ->
                linksOf.computeIfAbsent(MEMBER + m, x -> new TreeSet<>()).add(id)));
        Map<String, Set<String>> others = new LinkedHashMap<>(linksOf);
        changed.keySet().forEach(id -> others.remove(MEMBER + id));
        update(others.keySet(), (id, row) -> {
            ObjectNode doc = row == null ? mapper.createObjectNode() : row;
            Set<String> links = strings(doc.get("links"));
            return links.addAll(others.get(id)) ? withStrings(doc, "links", links) : null;
        });
        update(changed.keySet().stream().map(id -> MEMBER + id).toList(), (id, row) -> {
            ObjectNode doc = row == null ? mapper.createObjectNode() : row;
            Set<String> links = strings(doc.get("links"));
            links.addAll(linksOf.getOrDefault(id, Set.of()));
            return withStrings(withStrings(doc, "links", links), "keys", changed.get(id.substring(MEMBER.length())));
        });
    }

    /** Adds each record to the postings of its new keys and takes it off those it no longer carries. */
    private void post(Map<String, Set<String>> changed, Map<String, Set<String>> previous) {
        Map<String, Map<String, Boolean>> changes = new LinkedHashMap<>();
        changed.forEach((id, keys) -> {
            Set<String> before = previous.get(id);
            keys.stream().filter(k -> !before.contains(k)).forEach(k ->
                    changes.computeIfAbsent(POSTING + k, x -> new LinkedHashMap<>()).put(id, true));
            before.stream().filter(k -> !keys.contains(k)).forEach(k ->
                    changes.computeIfAbsent(POSTING + k, x -> new LinkedHashMap<>()).put(id, false));
        });
        update(changes.keySet(), (id, row) -> {
            ObjectNode doc = row == null ? mapper.createObjectNode() : row;
            Set<String> members = strings(doc.get("members"));
            boolean saturated = doc.path("saturated").asBoolean(false);
            boolean touched = false;
            for (Map.Entry<String, Boolean> change : changes.get(id).entrySet()) {
                if (!change.getValue()) {
                    touched |= members.remove(change.getKey());
                } else if (!members.contains(change.getKey())) {
                    if (members.size() >= maxMembersPerKey) {
                        touched |= !saturated;
                        saturated = true;
                    } else {
                        touched |= members.add(change.getKey());
                    }
                }
            }
            if (!touched) {
                return null;
            }
            if (saturated) {
                doc.put("saturated", true);
            }
            return withStrings(doc, "members", members);
        });
    }

    /** The links the records' keys make with the records posted under their complements, by link row id. */
    private Map<String, ObjectNode> matches(Map<String, Set<String>> records, Instant now) {
        // posting row id -> (record, its key kind, the complement kind, the value)
        Map<String, List<String[]>> wanted = new LinkedHashMap<>();
        records.forEach((customerId, keys) -> {
            for (String key : keys) {
                String kind = IdentityKeys.kind(key);
                String value = IdentityKeys.value(key);
                for (String complement : COMPLEMENTS.getOrDefault(kind, List.of())) {
                    wanted.computeIfAbsent(POSTING + complement + ":" + value, x -> new ArrayList<>())
                            .add(new String[] {customerId, kind, complement, value});
                }
            }
        });
        Map<String, IdentityTable.Row> postings = table.get(wanted.keySet());
        Map<String, ObjectNode> links = new LinkedHashMap<>();
        wanted.forEach((postingId, pairs) -> {
            IdentityTable.Row posting = postings.get(postingId);
            if (posting == null || posting.doc().path("saturated").asBoolean(false)) {
                return;
            }
            for (String other : strings(posting.doc().get("members"))) {
                for (String[] pair : pairs) {
                    String customerId = pair[0];
                    if (other.equals(customerId)) {
                        continue;
                    }
                    String rule = rule(pair[1], pair[2]);
                    String id = LINK + linkId(rule, pair[3], customerId, other);
                    ObjectNode link = mapper.createObjectNode().put("rule", rule).put("value", pair[3]);
                    link.putArray("members").add(customerId).add(other);
                    link.put("createdAt", now.toString()).put("state", IdentityLink.ACTIVE);
                    links.putIfAbsent(id, link);
                }
            }
        });
        return links;
    }

    /**
     * Erasure of customer records: their member rows, every link they are part of (whatever its state — a link
     * names the value it was made on, an e-mail or a phone number), and their place in the postings of their keys
     * (a posting left without members is removed, as its id is the key's value). The other members of those links
     * keep their rows, without the erased links. Returns how many rows were removed.
     */
    public int forget(Collection<String> customerIds) {
        Set<String> erased = new LinkedHashSet<>(customerIds);
        Map<String, IdentityTable.Row> members = table.get(erased.stream().map(id -> MEMBER + id).toList());
        Set<String> postings = new LinkedHashSet<>();
        Set<String> links = new LinkedHashSet<>();
        members.values().forEach(row -> {
            strings(row.doc().get("keys")).forEach(key -> postings.add(POSTING + key));
            links.addAll(strings(row.doc().get("links")));
        });
        Map<String, IdentityTable.Row> linkRows = table.get(links);
        Set<String> others = new LinkedHashSet<>();
        linkRows.values().forEach(row -> strings(row.doc().get("members")).stream()
                .filter(member -> !erased.contains(member)).forEach(member -> others.add(MEMBER + member)));
        update(others, (id, row) -> {
            if (row == null) {
                return null;
            }
            Set<String> kept = strings(row.get("links"));
            return kept.removeAll(links) ? withStrings(row, "links", kept) : null;
        });
        Set<String> removed = new LinkedHashSet<>(links);
        update(postings, (id, row) -> {
            if (row == null) {
                return null;
            }
            Set<String> kept = strings(row.get("members"));
            if (!kept.removeAll(erased)) {
                return null;
            }
            if (kept.isEmpty()) {
                removed.add(id);
                return null;
            }
            return withStrings(row, "members", kept);
        });
        removed.addAll(members.keySet());
        table.delete(removed);
        table.flush();
        return removed.size();
    }

    /** An operator's removal: the link stops counting and is never made again. Empty when no such link exists. */
    public Optional<IdentityLink> remove(String linkId, String reason) {
        Instant now = clock.instant();
        update(List.of(LINK + linkId), (id, row) -> row == null || IdentityLink.REMOVED.equals(row.path("state")
                .asText()) ? null : changed(row, IdentityLink.REMOVED, now, "operator", reason));
        table.flush();
        return link(linkId);
    }

    /** Makes everything {@link #observe} wrote durable. */
    public void flush() {
        table.flush();
    }

    public Optional<IdentityLink> link(String linkId) {
        return Optional.ofNullable(table.get(List.of(LINK + linkId)).get(LINK + linkId))
                .map(row -> IdentityLink.of(linkId, row.doc()));
    }

    /** Record ids posted under a key ({@code email:ann@example.com}). */
    public Set<String> carrying(String key) {
        IdentityTable.Row posting = table.get(List.of(POSTING + key)).get(POSTING + key);
        return posting == null ? Set.of() : strings(posting.doc().get("members"));
    }

    /** The records reachable from the seeds over active links, with the links that join them. */
    public Profile profile(Collection<String> seeds) {
        Set<String> members = new LinkedHashSet<>(seeds);
        Map<String, IdentityLink> links = new LinkedHashMap<>();
        Set<String> frontier = new LinkedHashSet<>(seeds);
        boolean truncated = false;
        while (!frontier.isEmpty()) {
            Set<String> linkRows = new LinkedHashSet<>();
            table.get(frontier.stream().map(m -> MEMBER + m).toList()).values()
                    .forEach(row -> strings(row.doc().get("links")).forEach(linkRows::add));
            linkRows.removeIf(row -> links.containsKey(row.substring(LINK.length())));
            Set<String> next = new LinkedHashSet<>();
            for (IdentityTable.Row row : table.get(linkRows).values()) {
                IdentityLink link = IdentityLink.of(row.id().substring(LINK.length()), row.doc());
                links.put(link.id(), link);
                if (!link.active()) {
                    continue;
                }
                for (String member : link.members()) {
                    if (!members.contains(member)) {
                        if (members.size() >= maxProfileMembers) {
                            truncated = true;
                        } else {
                            members.add(member);
                            next.add(member);
                        }
                    }
                }
            }
            frontier = next;
        }
        List<IdentityLink> active = links.values().stream()
                .filter(l -> l.active() && members.containsAll(l.members())).toList();
        List<IdentityLink> inactive = links.values().stream().filter(l -> !l.active()).toList();
        String founder = active.stream()
                .min(Comparator.comparing(IdentityLink::createdAt).thenComparing(IdentityLink::id))
                .map(l -> l.members().stream().min(String::compareTo).orElseThrow())
                .orElse(members.isEmpty() ? null : members.iterator().next());
        return new Profile(founder == null ? null : Profile.idOf(founder), List.copyOf(members), active, inactive,
                truncated);
    }

    /**
     * Read-modify-write of rows under optimistic concurrency: {@code change} gets a copy of the row (null when
     * absent) and returns the new row, or null to leave it; rows another writer changed meanwhile are read again.
     */
    private void update(Collection<String> ids, BiFunction<String, ObjectNode, ObjectNode> change) {
        Collection<String> pending = ids;
        for (int attempt = 0; attempt < ATTEMPTS && !pending.isEmpty(); attempt++) {
            Map<String, IdentityTable.Row> rows = table.get(pending);
            List<IdentityTable.Write> writes = new ArrayList<>();
            for (String id : pending) {
                IdentityTable.Row row = rows.get(id);
                ObjectNode next = change.apply(id, row == null ? null : row.doc().deepCopy());
                if (next != null) {
                    writes.add(new IdentityTable.Write(id, next, row));
                }
            }
            pending = writes.isEmpty() ? List.of() : table.put(writes);
        }
        if (!pending.isEmpty()) {
            throw new TransientFailureException("identity rows kept changing under concurrent writers: " + pending, null);
        }
    }

    private static ObjectNode changed(ObjectNode link, String state, Instant at, String by, String reason) {
        link.put("state", state).put("changedAt", at.toString()).put("changedBy", by);
        return reason == null ? link : link.put("reason", reason);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static ObjectNode withStrings(ObjectNode doc, String field, Collection<String> values) {
        ArrayNode array = doc.putArray(field);
        values.forEach(array::add);
        return doc;
    }
}
