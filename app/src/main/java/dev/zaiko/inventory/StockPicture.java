package dev.zaiko.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.zaiko.platform.ConflictException;

/**
 * One SKU's stock as loaded under its lock, changed in memory by the rules below, then written
 * back as one set of {@link StockChanges}. Plain Java: everything that decides who gets which
 * unit lives here, so it can be tested without a database.
 */
final class StockPicture {

    private final ItemFacts item;
    private final Map<String, int[]> levels = new LinkedHashMap<>();
    private final Map<String, List<Protection>> protectionsByLocation;
    private final Map<String, ChannelPool> channels;
    private final Map<UUID, List<PartState>> reservations = new HashMap<>();
    /** the set-asides this picture knows of (loaded under lock, or made by it): true while in force */
    private final Map<UUID, Boolean> setAsides = new HashMap<>();
    private final StockChanges changes;
    private final OpenParts openParts;

    /**
     * Where a till sale or a count finds the reservations it may have to move or displace. Only
     * the newest ones are ever needed, so a SKU with 100,000 open reservations loads a handful.
     */
    interface OpenParts {
        /** The newest open parts at the location, with every other part of their reservations. */
        List<PartState> newestAt(String location, int atLeastUnits);

        OpenParts NONE = (location, units) -> List.of();
    }

    StockPicture(ItemFacts item, Collection<StockLevel> levels, Collection<Protection> protections,
                 Collection<ChannelPool> channels, Collection<PartState> reservationParts, Instant now) {
        this(item, levels, protections, channels, reservationParts, OpenParts.NONE, now);
    }

    StockPicture(ItemFacts item, Collection<StockLevel> levels, Collection<Protection> protections,
                 Collection<ChannelPool> channels, Collection<PartState> reservationParts, OpenParts openParts,
                 Instant now) {
        this.item = item;
        this.openParts = openParts;
        for (StockLevel l : levels) {
            this.levels.put(l.location(), new int[] {l.inspecting(), l.sellable(), l.reserved(), l.defective()});
        }
        this.protectionsByLocation = effectiveProtections(protections);
        this.channels = channels.stream().collect(Collectors.toMap(ChannelPool::code, c -> c));
        adopt(reservationParts);
        this.changes = new StockChanges(item.sku(), now);
    }

    private void adopt(Collection<PartState> parts) {
        for (PartState p : parts) {
            if (p.setAsideInForce) setAsides.putIfAbsent(p.id, true);
            List<PartState> known = reservations.computeIfAbsent(p.id, k -> new ArrayList<>());
            if (known.stream().noneMatch(k -> k.part == p.part)) known.add(p);
        }
    }

    /** The open parts at a location, newest first, fetching enough to cover the units asked. */
    private List<PartState> newestOpenAt(String location, int units) {
        adopt(openParts.newestAt(location, units));
        return openPartsAt(location).stream().sorted(NEWEST_FIRST).toList();
    }

    StockChanges changes() {
        return changes;
    }

    /** More reservation parts, loaded and locked by the caller after the picture was built. */
    void adoptParts(Collection<PartState> parts) {
        adopt(parts);
    }

    /** Set-asides loaded and locked by the caller: id and whether it is still in force. */
    void knowSetAsides(Map<UUID, Boolean> known) {
        setAsides.putAll(known);
    }

    /** The set-asides the loaded parts of these reservations were drawn from. */
    java.util.Set<UUID> drawnFrom(Collection<UUID> reservationIds) {
        java.util.Set<UUID> result = new java.util.LinkedHashSet<>();
        for (UUID id : reservationIds) {
            for (PartState p : reservations.getOrDefault(id, List.of())) {
                if (p.drawnFrom != null) result.add(p.drawnFrom);
            }
        }
        return result;
    }

    ItemFacts item() {
        return item;
    }

    // ---- reading ----------------------------------------------------------------------------

    int level(String location, Bucket bucket) {
        int[] l = levels.get(location);
        return l == null ? 0 : l[bucket.ordinal()];
    }

    /** What the requester may take at one location: sellable minus what protections withhold. */
    int atsAt(Requester requester, String location) {
        int sellable = level(location, Bucket.SELLABLE);
        int withheld = ProtectionPolicies.withheld(item, protectionsByLocation.getOrDefault(location, List.of()),
                requester);
        return Math.max(0, sellable - withheld);
    }

    int ats(ChannelPool channel, String segment) {
        Requester requester = new Requester(channel.online(), segment);
        int total = 0;
        for (String location : channel.locations()) {
            total += atsAt(requester, location);
        }
        return total;
    }

    ChannelPool channel(String code) {
        return channels.get(code);
    }

    java.util.Collection<ChannelPool> channels() {
        return channels.values();
    }

    List<PartState> openPartsAt(String location) {
        return reservations.values().stream().flatMap(List::stream)
                .filter(p -> p.status == ReservationStatus.OPEN && p.location.equals(location))
                .toList();
    }

    // ---- reserving --------------------------------------------------------------------------

    ReservationOutcome reserve(ReserveRequest request, UUID id, String movementReference) {
        ChannelPool channel = channels.get(request.channel());
        if (channel == null) {
            return ReservationOutcome.refused(request.sku(), 0, "unknown channel " + request.channel());
        }
        Requester requester = new Requester(channel.online(), request.segment());
        if (request.drawFrom() != null) return draw(request, id);
        if (request.fromLocation() != null) return reserveAt(request, requester, id, movementReference);
        int available = ats(channel, request.segment());
        if (available < request.quantity()) {
            return ReservationOutcome.refused(request.sku(), available,
                    "only " + available + " available on " + channel.code());
        }
        List<ReservationPart> parts = new ArrayList<>();
        String whole = channel.locations().stream()
                .filter(l -> atsAt(requester, l) >= request.quantity())
                .findFirst().orElse(null);
        if (whole != null) {
            parts.add(takeForReservation(request, id, 1, whole, request.quantity(), movementReference));
        } else {
            int left = request.quantity();
            for (String location : channel.locations()) {
                int take = Math.min(left, atsAt(requester, location));
                if (take > 0) {
                    parts.add(takeForReservation(request, id, parts.size() + 1, location, take, movementReference));
                    left -= take;
                }
                if (left == 0) break;
            }
        }
        return ReservationOutcome.reserved(request.sku(), id, parts, available);
    }

    // ---- set-asides ---------------------------------------------------------------------------

    /**
     * A set-aside: a kept reservation from the channel's pool, like any other, that only
     * reservations naming it draw from (docs/reservations.md, "Set-asides").
     */
    ReservationOutcome setAside(ReserveRequest request, UUID id, String movementReference) {
        if (request.hold() != null || request.drawFrom() != null || request.fromLocation() != null) {
            throw new IllegalArgumentException("a set-aside is kept, from the channel's pool");
        }
        if (setAsides.containsKey(id)) {
            // asked again (after a crash between this and the caller's record): the one made before, as it is now
            List<PartState> open = openParts(id);
            return ReservationOutcome.reserved(request.sku(), id, open.stream().map(PartState::toPart).toList(),
                    open.stream().mapToInt(p -> p.quantity).sum());
        }
        if (reservations.containsKey(id)) {
            return ReservationOutcome.refused(request.sku(), 0, "reservation " + id + " exists and is no set-aside");
        }
        ReservationOutcome outcome = reserve(request, id, movementReference);
        if (outcome.reserved()) {
            setAsides.put(id, true);
            changes.newSetAsides.add(id);
        }
        return outcome;
    }

    /**
     * Takes the units out of the set-aside instead of the pool: its open parts, in part order, shrink
     * (or end DRAWN when taken whole) and the new reservation gets parts at the same locations. No
     * unit changes bucket: they were RESERVED and stay so, under another reservation.
     */
    private ReservationOutcome draw(ReserveRequest request, UUID id) {
        UUID from = request.drawFrom();
        if (!Boolean.TRUE.equals(setAsides.get(from))) {
            return ReservationOutcome.refused(request.sku(), 0, setAsides.containsKey(from)
                    ? "set-aside " + from + " has ended" : "no set-aside " + from + " of " + item.sku());
        }
        List<PartState> open = openParts(from);
        int available = open.stream().mapToInt(p -> p.quantity).sum();
        if (available < request.quantity()) {
            return ReservationOutcome.refused(request.sku(), available,
                    "only " + available + " left in set-aside " + from);
        }
        List<ReservationPart> parts = new ArrayList<>();
        int left = request.quantity();
        for (PartState p : open) {
            if (left == 0) break;
            int take = Math.min(left, p.quantity);
            if (take == p.quantity) {
                p.status = ReservationStatus.DRAWN;
            } else {
                p.quantity -= take;
            }
            changes.touched(p);
            PartState part = PartState.created(id, parts.size() + 1, request.channel(), p.location, take,
                    request.holder(), request.segment(), changes.now(), from);
            reservations.computeIfAbsent(id, k -> new ArrayList<>()).add(part);
            changes.newParts.add(part);
            parts.add(part.toPart());
            left -= take;
        }
        return ReservationOutcome.reserved(request.sku(), id, parts, available);
    }

    /**
     * Ends a set-aside: its open units go back to sellable stock, and units drawn from it that come
     * back later go there too.
     *
     * @return the units released now, or -1 when this SKU has no such set-aside
     */
    int endSetAside(UUID id, String movementReference) {
        Boolean inForce = setAsides.get(id);
        if (inForce == null) return -1;
        if (!inForce) return 0;
        setAsides.put(id, false);
        changes.endedSetAsides.add(id);
        int units = 0;
        for (PartState p : openParts(id)) {
            move(p.location, Bucket.RESERVED, Bucket.SELLABLE, p.quantity, MovementKind.RELEASE, id.toString(),
                    SET_ASIDE_ENDED);
            p.status = ReservationStatus.RELEASED;
            changes.touched(p);
            units += p.quantity;
        }
        return units;
    }

    static final String SET_ASIDE_ENDED = "set-aside ended";

    private List<PartState> openParts(UUID id) {
        return reservations.getOrDefault(id, List.of()).stream()
                .filter(p -> p.status == ReservationStatus.OPEN)
                .sorted(Comparator.comparingInt((PartState p) -> p.part)).toList();
    }

    /**
     * Gives a drawn reservation's open units back to its set-aside, when that is still in force
     * (and loaded): the parts end RELEASED and the set-aside gains parts at the same locations.
     *
     * @return the units given back, 0 when the units must go to sellable stock instead
     */
    private int giveBack(List<PartState> open, boolean holdExpired) {
        UUID from = open.get(0).drawnFrom;
        if (from == null || !Boolean.TRUE.equals(setAsides.get(from)) || !reservations.containsKey(from)) return 0;
        List<PartState> setAside = reservations.get(from);
        PartState model = setAside.stream().min(Comparator.comparingInt((PartState p) -> p.part)).orElseThrow();
        int nextPart = setAside.stream().mapToInt(p -> p.part).max().orElse(0) + 1;
        int units = 0;
        for (PartState p : open) {
            p.status = ReservationStatus.RELEASED;
            changes.touched(p);
            PartState back = PartState.created(from, nextPart++, model.channel, p.location, p.quantity, model.holder,
                    model.segment, model.createdAt);
            setAside.add(back);
            changes.newParts.add(back);
            units += p.quantity;
        }
        changes.refills.add(new SetAsideRefilled(from, item.sku(), open.get(0).id, units, holdExpired));
        return units;
    }

    private ReservationOutcome reserveAt(ReserveRequest request, Requester requester, UUID id,
                                         String movementReference) {
        String location = request.fromLocation();
        int available = levels.containsKey(location) ? atsAt(requester, location) : 0;
        if (available < request.quantity()) {
            return ReservationOutcome.refused(request.sku(), available, "only " + available + " available at " + location);
        }
        return ReservationOutcome.reserved(request.sku(), id,
                List.of(takeForReservation(request, id, 1, location, request.quantity(), movementReference)), available);
    }

    /** What the channel's buyer could take at each location outside its pool (locations with stock only). */
    Map<String, Integer> atsOutsidePool(ChannelPool channel) {
        Requester requester = new Requester(channel.online(), null);
        Map<String, Integer> outside = new LinkedHashMap<>();
        for (String location : levels.keySet()) {
            if (channel.locations().contains(location)) continue;
            int ats = atsAt(requester, location);
            if (ats > 0) outside.put(location, ats);
        }
        return outside;
    }

    private ReservationPart takeForReservation(ReserveRequest request, UUID id, int partNo, String location,
                                               int quantity, String movementReference) {
        move(location, Bucket.SELLABLE, Bucket.RESERVED, quantity, MovementKind.RESERVE, movementReference, null);
        PartState part = PartState.created(id, partNo, request.channel(), location, quantity, request.holder(),
                request.segment(), changes.now());
        reservations.computeIfAbsent(id, k -> new ArrayList<>()).add(part);
        changes.newParts.add(part);
        return part.toPart();
    }

    /** @return null when applied, otherwise why not */
    String release(UUID id) {
        return close(id, ReservationStatus.RELEASED, Bucket.SELLABLE, MovementKind.RELEASE, null);
    }

    /** A release because the reservation's hold ran out: the ledger row says so. */
    String expire(UUID id) {
        return close(id, ReservationStatus.RELEASED, Bucket.SELLABLE, MovementKind.RELEASE, HOLD_EXPIRED);
    }

    /** Whether the reservation is a set-aside (made or loaded as one). */
    boolean isSetAside(UUID id) {
        return setAsides.containsKey(id);
    }

    static final String HOLD_EXPIRED = "hold expired";

    String commit(UUID id) {
        return close(id, ReservationStatus.COMMITTED, null, MovementKind.SHIPMENT, null);
    }

    /**
     * Packing found {@code units} of an open reservation defective. Those units go RESERVED to
     * DEFECTIVE ({@link MovementKind#DEFECT_AT_PACKING}); the part holding them ends DEFECTIVE (a
     * part only partly defective is split, like a partial displacement). Then the same
     * reservation takes as many replacement units from its channel's pool, from one location
     * when one can cover them all, respecting protections, as a reservation would; all of them or
     * none. The units that passed stay reserved either way.
     *
     * @return the replacement parts, empty when the pool cannot cover the defective units
     * @throws ConflictException {@code reservation-not-open} when the reservation holds fewer open units
     */
    List<ReservationPart> defectAtPacking(UUID id, int units, String reason) {
        List<PartState> parts = reservations.get(id);
        List<PartState> open = parts == null ? List.of() : parts.stream()
                .filter(p -> p.status == ReservationStatus.OPEN)
                .sorted(Comparator.comparingInt((PartState p) -> p.part)).toList();
        int held = open.stream().mapToInt(p -> p.quantity).sum();
        if (units <= 0 || units > held) {
            throw new ConflictException("reservation-not-open", "Reservation " + id + " holds " + held
                    + " open unit(s) of " + item.sku() + "; cannot set " + units + " aside as defective.",
                    Map.of("reservationId", id.toString(), "open", held));
        }
        int nextPart = parts.stream().mapToInt(p -> p.part).max().orElse(0) + 1;
        int left = units;
        for (PartState p : open) {
            if (left == 0) break;
            int k = Math.min(left, p.quantity);
            move(p.location, Bucket.RESERVED, Bucket.DEFECTIVE, k, MovementKind.DEFECT_AT_PACKING, id.toString(), reason);
            if (k == p.quantity) {
                p.status = ReservationStatus.DEFECTIVE;
            } else {
                p.quantity -= k;
                PartState defective = PartState.created(id, nextPart++, p.channel, p.location, k, p.holder, p.segment,
                        p.createdAt, p.drawnFrom);
                defective.status = ReservationStatus.DEFECTIVE;
                parts.add(defective);
                changes.newParts.add(defective);
            }
            changes.touched(p);
            left -= k;
        }
        PartState first = open.get(0);
        ChannelPool channel = channels.get(first.channel);
        if (channel == null || ats(channel, first.segment) < units) return List.of();
        Requester requester = new Requester(channel.online(), first.segment);
        List<ReservationPart> replacement = new ArrayList<>();
        String whole = channel.locations().stream().filter(l -> atsAt(requester, l) >= units).findFirst().orElse(null);
        List<String> from = whole != null ? List.of(whole) : channel.locations();
        left = units;
        for (String location : from) {
            int take = Math.min(left, atsAt(requester, location));
            if (take == 0) continue;
            move(location, Bucket.SELLABLE, Bucket.RESERVED, take, MovementKind.RESERVE, id.toString(), reason);
            PartState part = PartState.created(id, nextPart++, first.channel, location, take, first.holder,
                    first.segment, first.createdAt, first.drawnFrom);
            parts.add(part);
            changes.newParts.add(part);
            replacement.add(part.toPart());
            left -= take;
            if (left == 0) break;
        }
        return replacement;
    }

    boolean knows(UUID id) {
        return reservations.containsKey(id);
    }

    private String close(UUID id, ReservationStatus to, Bucket unitsGoTo, MovementKind kind, String reason) {
        if (setAsides.containsKey(id)) {
            return "reservation " + id + " is a set-aside: it ends with what it was set aside for, not by a release "
                    + "or commit";
        }
        List<PartState> parts = reservations.get(id);
        List<PartState> open = parts.stream().filter(p -> p.status == ReservationStatus.OPEN).toList();
        if (open.isEmpty()) {
            return "reservation " + id + " is " + new Reservation(id, item.sku(), null, null, null,
                    parts.stream().map(PartState::toPart).toList(), null, null).status() + ", not OPEN";
        }
        if (to == ReservationStatus.RELEASED && giveBack(open, HOLD_EXPIRED.equals(reason)) > 0) return null;
        for (PartState p : open) {
            move(p.location, Bucket.RESERVED, unitsGoTo, p.quantity, kind, id.toString(), reason);
            p.status = to;
            changes.touched(p);
        }
        return null;
    }

    // ---- receiving, inspecting, counting, selling at the till -------------------------------

    void receive(String location, int quantity, String reference) {
        move(location, null, Bucket.INSPECTING, quantity, MovementKind.RECEIPT, reference, null);
    }

    void inspect(String location, int passed, int failed, String reference) {
        int waiting = level(location, Bucket.INSPECTING);
        if (passed + failed > waiting) {
            throw new ConflictException("not-enough-inspecting",
                    "Only " + waiting + " unit(s) of " + item.sku() + " are awaiting inspection at " + location
                            + "; cannot inspect " + (passed + failed) + ".",
                    Map.of("inspecting", waiting));
        }
        if (passed > 0) move(location, Bucket.INSPECTING, Bucket.SELLABLE, passed, MovementKind.INSPECTION_PASSED, reference, null);
        if (failed > 0) move(location, Bucket.INSPECTING, Bucket.DEFECTIVE, failed, MovementKind.INSPECTION_FAILED, reference, null);
    }

    /**
     * A cycle count of the sellable units on the shelf (reserved ones included: they are still
     * physically there). Missing units come out of free stock first, then out of reservations.
     */
    List<Displacement> count(String location, int countedOnShelf, String reason) {
        int shelf = level(location, Bucket.SELLABLE) + level(location, Bucket.RESERVED);
        if (countedOnShelf > shelf) {
            move(location, null, Bucket.SELLABLE, countedOnShelf - shelf, MovementKind.ADJUSTMENT, null, reason);
            return List.of();
        }
        if (countedOnShelf == shelf) return List.of();
        return takeFromShelf(location, shelf - countedOnShelf, MovementKind.ADJUSTMENT, null, reason, null);
    }

    /**
     * A sale at the store's till. Without force it takes only units nobody else has a claim
     * on; with force (the customer is at the counter with the item) it may also take protected
     * units and units reserved for orders, which are then moved or displaced.
     */
    List<Displacement> sellAtTill(String location, int quantity, String segment, boolean force, String reference) {
        return sellAtTill(location, quantity, segment, force, reference, null);
    }

    /** @param soldAt when the till sold it, if not now, else null: the ledger dates the sale then */
    List<Displacement> sellAtTill(String location, int quantity, String segment, boolean force, String reference,
                                  Instant soldAt) {
        Requester till = new Requester(false, segment);
        if (quantity <= atsAt(till, location)) {
            move(location, Bucket.SELLABLE, null, quantity, MovementKind.TILL_SALE, reference, null, soldAt);
            return List.of();
        }
        int free = level(location, Bucket.SELLABLE);
        int physical = free + level(location, Bucket.RESERVED);
        if (quantity > physical) {
            throw new ConflictException("insufficient-stock",
                    "Only " + physical + " sellable unit(s) of " + item.sku() + " are at " + location
                            + "; cannot sell " + quantity + ".",
                    Map.of("sku", item.sku(), "location", location, "sellable", physical));
        }
        if (!force) {
            if (quantity <= free) {
                throw new ConflictException("protected-stock",
                        "Selling " + quantity + " unit(s) of " + item.sku() + " at " + location
                                + " would take protected units (only " + atsAt(till, location)
                                + " free for the till). Force the sale to take them anyway.",
                        Map.of("sku", item.sku(), "location", location, "available", atsAt(till, location)));
            }
            List<Map<String, Object>> holders = wouldBeTaken(setAsidesFirst(newestOpenAt(location, quantity - free)),
                    quantity - free).stream()
                    .map(p -> Map.<String, Object>of("reservationId", p.id.toString(),
                            "holder", p.holder == null ? "" : p.holder, "channel", p.channel, "quantity", p.quantity))
                    .toList();
            throw new ConflictException("reserved-stock",
                    "Selling " + quantity + " unit(s) of " + item.sku() + " at " + location
                            + " needs units already reserved for "
                            + holders.stream().map(h -> (String) h.get("holder")).filter(h -> !h.isEmpty())
                                    .distinct().collect(Collectors.joining(", "))
                            + ". Force the sale to move or displace those reservations.",
                    Map.of("sku", item.sku(), "location", location, "available", atsAt(till, location),
                            "heldBy", holders));
        }
        return takeFromShelf(location, quantity, MovementKind.TILL_SALE, reference, null, soldAt);
    }

    private static final Comparator<PartState> NEWEST_FIRST =
            Comparator.comparing((PartState p) -> p.createdAt).reversed().thenComparing(p -> p.id);

    /**
     * Takes units physically out of the location: free units first; then reservations are
     * moved to another location of their channel's pool where that location can cover them
     * (nobody is hurt), and only then displaced, newest first (the oldest order keeps its unit).
     * Relocating and displacing happen now; only the units taken are dated {@code occurredAt}.
     */
    private List<Displacement> takeFromShelf(String location, int quantity, MovementKind kind, String reference,
                                             String reason, Instant occurredAt) {
        int need = Math.max(0, quantity - level(location, Bucket.SELLABLE));
        List<Displacement> result = new ArrayList<>();
        List<PartState> candidates = need == 0 ? List.of() : newestOpenAt(location, need);
        for (PartState part : candidates) {
            if (need <= 0) break;
            String target = relocationTarget(part);
            if (target != null) {
                move(location, Bucket.RESERVED, Bucket.SELLABLE, part.quantity, MovementKind.RELOCATION, part.id.toString(), null);
                move(target, Bucket.SELLABLE, Bucket.RESERVED, part.quantity, MovementKind.RELOCATION, part.id.toString(), null);
                part.location = target;
                changes.touched(part);
                result.add(new Displacement(part.id, part.holder, part.channel, item.sku(), location, part.quantity, target));
                need -= part.quantity;
            }
        }
        int displacedUnits = 0;
        // a set-aside's unsold units (a deal's) before any buyer's: nobody has bought them yet
        for (PartState part : candidates) {
            if (need <= 0) break;
            if (!Boolean.TRUE.equals(setAsides.get(part.id))) continue;
            if (part.status != ReservationStatus.OPEN || !part.location.equals(location)) continue;
            int k = displace(part, need, location, kind, reason, occurredAt, result);
            need -= k;
            displacedUnits += k;
        }
        for (PartState part : candidates) {
            if (need <= 0) break;
            if (part.status != ReservationStatus.OPEN || !part.location.equals(location)) continue;
            int k = displace(part, need, location, kind, reason, occurredAt, result);
            need -= k;
            displacedUnits += k;
        }
        move(location, Bucket.SELLABLE, null, quantity - displacedUnits, kind, reference, reason, occurredAt);
        return result;
    }

    /** Takes up to {@code need} units of an open part off the shelf; the units taken end DISPLACED. */
    private int displace(PartState part, int need, String location, MovementKind kind, String reason,
                         Instant occurredAt, List<Displacement> result) {
        int k = Math.min(need, part.quantity);
        move(location, Bucket.RESERVED, null, k, kind, part.id.toString(), reason, occurredAt);
        if (k == part.quantity) {
            part.status = ReservationStatus.DISPLACED;
            changes.touched(part);
        } else {
            part.quantity -= k;
            changes.touched(part);
            int nextPart = reservations.get(part.id).stream().mapToInt(p -> p.part).max().orElse(0) + 1;
            PartState displaced = PartState.created(part.id, nextPart, part.channel, location, k, part.holder,
                    part.segment, part.createdAt, part.drawnFrom);
            displaced.status = ReservationStatus.DISPLACED;
            reservations.get(part.id).add(displaced);
            changes.newParts.add(displaced);
        }
        result.add(new Displacement(part.id, part.holder, part.channel, item.sku(), location, k, null));
        return k;
    }

    /** A set-aside's unsold units are taken before any buyer's (then the newest buyer's first). */
    private List<PartState> setAsidesFirst(List<PartState> newestFirst) {
        List<PartState> ordered = new ArrayList<>(newestFirst);
        ordered.sort(Comparator.comparing((PartState p) -> !Boolean.TRUE.equals(setAsides.get(p.id))));
        return ordered;
    }

    /** The newest parts that together hold the units: those a forced sale would touch first. */
    private static List<PartState> wouldBeTaken(List<PartState> newestFirst, int units) {
        List<PartState> result = new ArrayList<>();
        int covered = 0;
        for (PartState p : newestFirst) {
            if (covered >= units) break;
            result.add(p);
            covered += p.quantity;
        }
        return result;
    }

    /** Another location of the part's channel that can take the whole part now, or null. */
    private String relocationTarget(PartState part) {
        ChannelPool channel = channels.get(part.channel);
        if (channel == null) return null;
        Requester requester = new Requester(channel.online(), part.segment);
        return channel.locations().stream()
                .filter(l -> !l.equals(part.location))
                .filter(l -> atsAt(requester, l) >= part.quantity)
                .findFirst().orElse(null);
    }

    // ---- the one place levels change ---------------------------------------------------------

    private void move(String location, Bucket from, Bucket to, int quantity, MovementKind kind, String reference,
                      String reason) {
        move(location, from, to, quantity, kind, reference, reason, null);
    }

    private void move(String location, Bucket from, Bucket to, int quantity, MovementKind kind, String reference,
                      String reason, Instant occurredAt) {
        if (quantity == 0) return;
        int[] l = levels.computeIfAbsent(location, k -> new int[4]);
        if (from != null) {
            if (l[from.ordinal()] < quantity) {
                // The rules above check first; reaching this means a rule is wrong, not the request.
                throw new IllegalStateException("Moving " + quantity + " " + from + " of " + item.sku() + " at "
                        + location + " would go below zero");
            }
            l[from.ordinal()] -= quantity;
        }
        if (to != null) l[to.ordinal()] += quantity;
        changes.record(location, from, to, quantity, kind, reference, reason, occurredAt);
    }

    private static Map<String, List<Protection>> effectiveProtections(Collection<Protection> protections) {
        Map<String, List<Protection>> byLocation = new HashMap<>();
        Map<String, List<Protection>> grouped = protections.stream().collect(Collectors.groupingBy(
                p -> p.location() + "\u0000" + p.kind() + "\u0000" + (p.segment() == null ? "" : p.segment())));
        for (List<Protection> group : grouped.values()) {
            boolean skuSpecific = group.stream().anyMatch(p -> p.sku() != null);
            for (Protection p : group) {
                if (skuSpecific && p.sku() == null) continue;
                byLocation.computeIfAbsent(p.location(), k -> new ArrayList<>()).add(p);
            }
        }
        return byLocation;
    }

    /** A channel and its pool, in the order the engine takes from it. */
    record ChannelPool(String code, boolean online, List<String> locations) {
    }

    /** A reservation part as loaded or created; mutable while the picture decides. */
    static final class PartState {
        final UUID id;
        final int part;
        final String channel;
        String location;
        int quantity;
        ReservationStatus status;
        final String holder;
        final String segment;
        final Instant createdAt;
        /** the set-aside this part's units were drawn from, or null */
        final UUID drawnFrom;
        /** as loaded: the part belongs to a set-aside in force */
        final boolean setAsideInForce;
        boolean isNew;

        PartState(UUID id, int part, String channel, String location, int quantity, ReservationStatus status,
                  String holder, String segment, Instant createdAt) {
            this(id, part, channel, location, quantity, status, holder, segment, createdAt, null);
        }

        PartState(UUID id, int part, String channel, String location, int quantity, ReservationStatus status,
                  String holder, String segment, Instant createdAt, UUID drawnFrom) {
            this(id, part, channel, location, quantity, status, holder, segment, createdAt, drawnFrom, false);
        }

        PartState(UUID id, int part, String channel, String location, int quantity, ReservationStatus status,
                  String holder, String segment, Instant createdAt, UUID drawnFrom, boolean setAsideInForce) {
            this.drawnFrom = drawnFrom;
            this.setAsideInForce = setAsideInForce;
            this.id = id;
            this.part = part;
            this.channel = channel;
            this.location = location;
            this.quantity = quantity;
            this.status = status;
            this.holder = holder;
            this.segment = segment;
            this.createdAt = createdAt;
        }

        static PartState created(UUID id, int part, String channel, String location, int quantity, String holder,
                                 String segment, Instant createdAt) {
            return created(id, part, channel, location, quantity, holder, segment, createdAt, null);
        }

        static PartState created(UUID id, int part, String channel, String location, int quantity, String holder,
                                 String segment, Instant createdAt, UUID drawnFrom) {
            PartState p = new PartState(id, part, channel, location, quantity, ReservationStatus.OPEN, holder, segment,
                    createdAt, drawnFrom);
            p.isNew = true;
            return p;
        }

        ReservationPart toPart() {
            return new ReservationPart(part, location, quantity, status);
        }
    }
}
