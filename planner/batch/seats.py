"""`--share-seats`: plans that keep every offering's seats across the
province, by price coordination (the Lagrangian seat prices of
unit/bounds.py, here one distributed map over the persons per round).

The problem: every person whose targets can be met alone (B) meets them,
the seats hold, total effort is least. Relax the seats with prices l >= 0:

    L(l) = sum_{p in B} min_x [effort_p(x) + sum_o l_o x_o] - sum_o l_o seats_o

is a lower bound for every l (weak duality; leaving out the persons who
cannot meet their targets and their seat use only relaxes further). A
person whose unpriced optimum takes no seated offering has the same
minimum at any price, so a round re-solves only the persons who take a
seat ("takers"). Prices are whole minutes, moved by the subgradient (seat
use minus seats) with a Polyak step, a fixed number of rounds: the same
input gives the same prices, bound and plan.

Repair (makes every seat hold): each over-subscribed offering (id order)
keeps its holders in priority order (kept from an earlier repair round,
then wanted at the last prices, then file order); the others have it
excluded and are re-planned by the person planner, which may not take an
offering that is already full. Rounds repeat until no seat is over; each
adds exclusions, so they end. Every plan in the database is
`planner suggest --exclude ...` of that person: exact and explainable.
"""
from __future__ import annotations

from collections import defaultdict

from .sources import chunks, read_entry

CHUNK = 10


def _entries(opts, files):
    for file in files:
        ws = file.split("/people/")[0] if "/people/" in file else ""
        name = ws if ws else opts.data.resolve().name
        yield read_entry(file, name, opts.data / file)


def _usage(store, seats) -> dict[str, list[str]]:
    """offering -> files of the persons whose current plan takes it."""
    use = defaultdict(list)
    for offering, file in store.db.execute("SELECT offering, file FROM items WHERE variant = 'current' "
                                           "ORDER BY offering, file"):
        if offering in seats:
            use[offering].append(file)
    return use


def _minutes(store) -> dict[str, tuple[str, int]]:
    return {f: (s, m) for f, s, m in store.db.execute(
        "SELECT file, status, effort_minutes FROM persons WHERE variant = 'current' AND error IS NULL")}


class Coordination:
    def __init__(self, opts, store, mapper, seats: dict):
        self.opts, self.store, self.mapper, self.seats = opts, store, mapper, seats
        self.prices = {o: 0.0 for o in seats}
        self.wants: dict[str, list[str]] = {}       # taker -> seated ids taken at the last prices
        self.best = None                           # best L(l), minutes
        self.theta = 1.0
        self.round = 0

    def record(self, kind, bound, effort, overflow, moved):
        self.round += 1
        with self.store.transaction():
            self.store.db.execute("INSERT INTO rounds VALUES (?, ?, ?, ?, ?, ?)",
                                  (self.round, kind, None if bound is None else round(bound / 60, 2),
                                   None if effort is None else round(effort / 60, 2), overflow, moved))

    def price_round(self, takers, base) -> None:
        """One map over the takers at the current (whole-minute) prices."""
        price = {o: int(p) for o, p in self.prices.items()}
        tasks = ({"mode": "priced", "persons": c, "prices": price} for c in chunks(_entries(self.opts, takers), CHUNK))
        value = sum(m for f, (s, m) in base.items() if f not in takers and s == "optimal")
        use = {o: 0 for o in self.seats}
        for result in self.mapper.map(tasks):
            for row in result["priced"]:
                if row["value"] is None or base.get(row["file"], ("",))[0] != "optimal":
                    continue
                value += row["value"]
                self.wants[row["file"]] = row["taken"]
                for o in row["taken"]:
                    use[o] += 1
        value -= sum(price[o] * s for o, s in self.seats.items())
        if self.best is None or value > self.best:
            self.best = value
        else:
            self.theta /= 2
        g = {o: use[o] - s for o, s in self.seats.items()}
        norm = sum(v * v for o, v in g.items() if v > 0 or self.prices[o] > 0)
        if norm:
            step = self.theta * max(0.02 * max(self.best, 600), 60) / norm
            for o, v in g.items():
                self.prices[o] = max(0.0, self.prices[o] + step * v)
        self.record("price", value, None, sum(max(0, v) for v in g.values()), 0)

    def repair(self) -> int:
        """Rounds of exclusions until no seat is over; returns the seats moved."""
        closed: dict[str, set] = defaultdict(set)
        kept: set[tuple[str, str]] = set()
        moved = 0
        while True:
            use = _usage(self.store, self.seats)
            over = {o: files for o, files in use.items() if len(files) > self.seats[o]}
            if not over:
                self.record("repair", None, sum(m or 0 for s, m in _minutes(self.store).values()), 0, 0)
                return moved
            full = {o for o, files in use.items() if len(files) >= self.seats[o]}
            trials = self._without(over, closed, full, kept)
            plans = defaultdict(dict)                 # file -> offering -> its plan without it
            for o, file, rows in trials:
                plans[file][o] = rows
            displaced: dict[str, list[str]] = defaultdict(list)
            for o in sorted(over):
                # one offering lost per person and round: the trial plans assumed the others kept
                holders = sorted(over[o], key=lambda f: (f not in displaced, self._priority(f, o, kept, plans)))
                for f in holders[self.seats[o]:]:
                    if f not in displaced:
                        closed[f].add(o)
                        displaced[f].append(o)
                kept.update((o, f) for f in holders[:self.seats[o]] if f not in displaced)
            moved += len(displaced)
            self.record("repair", None, None, sum(len(f) - self.seats[o] for o, f in over.items()), len(displaced))
            self._apply(displaced, plans, closed, full)

    def _priority(self, f, o, kept, plans):
        """Kept from an earlier round first; then who loses most without it
        (cannot meet the targets, then the added effort); then wanted at the prices; then file order."""
        rows = plans[f].get(o)
        regret = 0 if rows is None else rows["regret"]
        return ((o, f) not in kept, -regret, o not in self.wants.get(f, ()), f)

    def _without(self, over, closed, full, kept):
        """Each holder's plan without the offering (one map), the holders kept before excepted."""
        current = _minutes(self.store)
        tasks = []
        for o in sorted(over):
            files = [f for f in over[o] if (o, f) not in kept]
            exclude = {f: sorted(closed[f] | (full - {o}) - self._holds(f) | {o}) for f in files}
            for c in chunks(_entries(self.opts, files), CHUNK):
                tasks.append({"mode": "suggest", "persons": c, "exclude": exclude, "tag": o})
        out = []
        for result in self.mapper.map(tasks):
            for file, rows in _by_file(result).items():
                row = rows["persons"][0]
                cost = row["effort_minutes"] or 0
                rows["regret"] = (0 if row["met"] else 10 ** 9 + int(10 * (row["shortfall"] or 0))) \
                    + cost - (current.get(file, ("", 0))[1] or 0)
                out.append((result["tag"], file, rows))
        return out

    def _holds(self, f) -> set:
        return {o for (o,) in self.store.db.execute(
            "SELECT offering FROM items WHERE variant = 'current' AND file = ?", (f,))}

    def _apply(self, displaced, plans, closed, full) -> None:
        single = {f: plans[f][os_[0]] for f, os_ in displaced.items() if len(os_) == 1 and os_[0] in plans[f]}
        for f, rows in sorted(single.items()):
            self.store.write(rows)
        again = sorted(set(displaced) - set(single))
        exclude = {f: sorted(closed[f] | (full - self._holds(f))) for f in again}
        tasks = ({"mode": "suggest", "persons": c, "exclude": exclude} for c in chunks(_entries(self.opts, again), CHUNK))
        for result in self.mapper.map(tasks):
            self.store.write(result)


def _by_file(result) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for table in ("persons", "targets", "items"):
        for row in result[table]:
            out.setdefault(row["file"], {"persons": [], "targets": [], "items": [], "priced": []})[table].append(row)
    return out


def share_seats(opts, store, mapper, loaded) -> dict:
    seats = {o.id: o.seats for o in loaded.offerings if o.seats is not None}
    use = _usage(store, seats)
    with store.transaction():
        store.db.execute("DELETE FROM seats")
        store.db.execute("DELETE FROM rounds")
        store.db.executemany("INSERT INTO seats VALUES (?, ?, ?, NULL)",
                             [(o, s, len(use.get(o, ()))) for o, s in sorted(seats.items())])
    base = _minutes(store)
    takers = sorted({f for files in use.values() for f in files})
    co = Coordination(opts, store, mapper, seats)
    if any(len(f) > seats[o] for o, f in use.items()):
        for _ in range(opts.rounds):
            co.price_round(set(takers), base)
    else:
        co.best = sum(m for s, m in base.values() if s == "optimal")
    moved = co.repair()
    final = _usage(store, seats)
    with store.transaction():
        store.db.executemany("UPDATE seats SET taken = ? WHERE offering = ?",
                             [(len(final.get(o, ())), o) for o in seats])
    effort = sum(m for f, (s, m) in _minutes(store).items() if base.get(f, ("",))[0] == "optimal")
    bound = co.best
    gap = 0.0 if effort == 0 else (effort - bound) / effort
    return {"rounds": co.round, "bound": round(bound / 60, 1), "effort": round(effort / 60, 1),
            "gap": f"{100 * gap:.2f}", "moved": moved, "bound_minutes": bound, "effort_minutes": effort}
