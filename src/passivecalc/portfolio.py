"""Several income streams projected together, money routed between them.

A portfolio file holds `[streams.NAME]` tables: each a scenario (a method and
its parameters), plus

- `start_month` (1 by default): the stream begins in that month of the
  portfolio. Its method runs from its own month 1, shifted; money it puts in
  up front is invested at the start of that month (the end of the month
  before).
- `fund_from = "blog"` and `share = 50` (percent, 100 by default): each month,
  that share of the other stream's payout (when positive) leaves it and is
  invested in this stream at the month's end, from the month this stream
  starts.

How routed money grows, for every method alike: a method's projection is
taken to be affine in its starting capital (the field its registry entry
scales, when that field is a lump sum of money), so one unit of capital
adds the difference U = P(capital + h) / h - P(capital) / h to every column.
Money routed at the end of month t is a cohort that adds r[t] * U shifted by
t months: it earns what the stream's first money earned over the same number
of months since it went in. Each cohort so starts the method afresh, on its
own calendar (quarterly dividends 3, 6, 9... months after it goes in) and at
the starting yield and rates: for a monthly payer with prices and dividends
growing alike this is exactly a monthly contribution (a test checks it
against the ordinary annuity). The check that the method is affine (the
difference for 2h is twice that for h) is made when the file is loaded, and a
method that is not is refused as a routing target. Under Monte Carlo a cohort follows the draws of
the stream's first months, not the months it lives in: its spread is right,
its co-movement with the rest of the stream is not.

Money is conserved: in the streams, what a source pays out includes what it
sends, and what a target puts in includes what it receives. In the total,
routed money is neither paid out to the user nor new money from the user:
it counts as reinvested (net income put back into the assets), so
total contributed = sum of contributed - routed, total payout = sum of
payouts - routed, and the value identity holds for the total too.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods import Method
from passivecalc.params import Params, build, keys, unit_of, upper_bound
from passivecalc.projection import Projection, rollup
from passivecalc.projection import total as total_of
from passivecalc.timeline import MONTHS_PER_YEAR

# Columns a routed cohort adds to its target (contributed, value and upfront are set by the timing of the cohort).
_FLOWS = ("income", "costs", "taxes", "reinvested", "returned", "hours", "revaluation")


@dataclass(frozen=True)
class Stream:
    name: str
    method: Method
    params: Params  # years is the portfolio's horizon from its start month on (set by the loader)
    start_month: int = 1
    fund_from: str | None = None
    share: float = 100.0  # percent of the source's payout


@dataclass(frozen=True)
class Portfolio:
    """Projected streams on the portfolio's calendar, their total, and the money routed between them.

    streams[name] includes what it receives (contributed) and what it sends
    (payout); routed_out[name] / routed_in[name] are those amounts, (paths, N).
    """

    names: tuple[str, ...]
    methods: dict[str, str]
    params: dict[str, Params]
    streams: dict[str, Projection]
    total: Projection
    routed_in: dict[str, np.ndarray]
    routed_out: dict[str, np.ndarray]
    start_months: dict[str, int]
    funding: dict[str, tuple[str, float]]  # target -> (source, share %)

    def income_shares(self, path: int = 0) -> dict[str, np.ndarray]:
        """Each stream's share of the year's net income, in percent, among streams that made money (NaN if none did)."""
        positive = {
            name: np.maximum(rollup(p.net_income[path : path + 1], "sum")[0], 0.0) for name, p in self.streams.items()
        }
        whole = sum(positive.values())
        with np.errstate(divide="ignore", invalid="ignore"):
            return {name: np.where(whole > 0, 100.0 * v / whole, np.nan) for name, v in positive.items()}

    def largest(self, path: int = 0) -> tuple[str, float] | None:
        """The stream with the largest share of net income over the whole horizon, and that share (percent)."""
        positive = {name: max(float(p.net_income[path].sum()), 0.0) for name, p in self.streams.items()}
        whole = sum(positive.values())
        if whole <= 0:
            return None
        name = max(positive, key=lambda stream: positive[stream])
        return name, 100.0 * positive[name] / whole


def project(streams: list[Stream], months: int, draws: Draws | None = None) -> Portfolio:
    """Project every stream on the portfolio's `months`, route money, and add them up.

    streams: in any order; a source is projected before the streams it funds.
    draws: the portfolio's draws (deterministic by default); each stream takes them for its own months.
    """
    draws = draws or Draws.expected(months)
    by_name = {s.name: s for s in streams}
    projected: dict[str, Projection] = {}
    routed_in: dict[str, np.ndarray] = {}
    routed_out: dict[str, np.ndarray] = {s.name: np.zeros((draws.paths, months)) for s in streams}
    for stream in _funding_order(streams):
        # A routed stream's unit cohort must see the random numbers its own projection sees.
        before = replace(draws, rng=copy.deepcopy(draws.rng)) if draws.rng is not None and stream.fund_from else draws
        own = _on_calendar(stream, months, draws)
        if stream.fund_from is None:
            projected[stream.name] = own
            continue
        source = projected[stream.fund_from]
        routed = stream.share / 100 * np.maximum(source.payout, 0.0)
        routed[:, : stream.start_month - 1] = 0.0
        routed = np.broadcast_to(routed, (max(routed.shape[0], own.paths), months))
        routed_in[stream.name] = routed
        routed_out[stream.fund_from] = routed_out[stream.fund_from] + routed
        projected[stream.name] = _with_cohorts(own, _unit_cohort(stream, months, before), routed)
    ordered = {s.name: projected[s.name] for s in streams}
    internal = sum(routed_in.values()) if routed_in else 0.0
    summed = total_of(list(ordered.values()))
    total = Projection.build(
        months,
        contributed=summed.contributed - internal,
        income=summed.income,
        costs=summed.costs,
        taxes=summed.taxes,
        reinvested=summed.reinvested + internal,
        returned=summed.returned,
        value=summed.value,
        hours=summed.hours,
        revaluation=summed.revaluation,
        upfront=summed.upfront,
        after_tax=summed.after_tax,
        notes=summed.notes,
    )
    total = replace(
        total, inflation=summed.inflation, hour_value=summed.hour_value, currency=summed.currency, start=summed.start
    )
    return Portfolio(
        names=tuple(by_name),
        methods={s.name: s.method.name for s in streams},
        params={s.name: s.params for s in streams},
        streams=ordered,
        total=total,
        routed_in={s.name: routed_in.get(s.name, np.zeros_like(routed_out[s.name])) for s in streams},
        routed_out=routed_out,
        start_months={s.name: s.start_month for s in streams},
        funding={s.name: (s.fund_from, s.share) for s in streams if s.fund_from},
    )


def _funding_order(streams: list[Stream]) -> list[Stream]:
    """Sources before the streams they fund (the loader has refused cycles)."""
    done: list[Stream] = []
    by_name = {s.name: s for s in streams}

    def visit(stream: Stream) -> None:
        if stream in done:
            return
        if stream.fund_from:
            visit(by_name[stream.fund_from])
        done.append(stream)

    for stream in streams:
        visit(stream)
    return done


def _stream_draws(draws: Draws, months: int) -> Draws:
    """The draws a stream takes for its own months (a stream that starts late runs fewer than the portfolio's)."""
    return replace(draws, months=months)


def _on_calendar(stream: Stream, months: int, draws: Draws) -> Projection:
    """The stream's own projection shifted to start in its start month, zero before."""
    own = stream.method.project(stream.params, _stream_draws(draws, stream.params.months))
    return shift(own, stream.start_month, months)


def shift(projection: Projection, start_month: int, months: int) -> Projection:
    """A projection moved to begin in month `start_month` of a `months`-long calendar (cut at its end).

    Money put in up front (start of the stream's month 1) is the end of month
    start_month - 1: contributed and value there, so that the value identity holds.
    """
    if start_month == 1 and projection.months == months:
        return projection  # already on the calendar: nothing to move
    lead = start_month - 1
    keep = months - lead

    def move(a: np.ndarray) -> np.ndarray:
        out = np.zeros((a.shape[0], months))
        out[:, lead:] = a[:, :keep]
        return out

    moved = projection._map(move)
    if lead == 0:
        return moved
    upfront = projection.upfront
    contributed = moved.contributed.copy()
    value = moved.value.copy()
    contributed[:, lead - 1] += upfront
    contributed[:, lead] -= upfront
    value[:, lead - 1] += upfront
    return replace(moved, contributed=contributed, value=value, upfront=np.zeros_like(upfront))


def _unit_cohort(stream: Stream, months: int, draws: Draws, check: bool = False) -> dict[str, np.ndarray]:
    """What one unit of money invested at the start of the stream adds, month by month (index 0: the moment it goes in).

    Found as (P(capital + h) - P(capital)) / h on the same draws. With check
    (the loader, once per file), a third run makes sure the method is affine in
    its capital (twice h adds twice) and refuses it otherwise.
    """
    method, params = stream.method, stream.params
    field = method.scale
    info = method.params.model_fields.get(field)
    if info is None or unit_of(info) != "money":
        raise InputError(
            "fund_from",
            f"{method.name} takes no starting capital to put routed money into; route into a method with capital",
        )
    key = keys(method.params)[field]
    # Differences between three runs above the stream's capital (None: the method's default, taken as 0),
    # so that a lower bound such as 'above 0' never bites.
    base = getattr(params, field) or 0.0
    step = max(abs(base), 10_000.0)
    upper = upper_bound(info)
    if upper is not None and base + 3 * step > upper:
        base = upper - 3 * step
    try:
        runs = [_project_with(stream, {key: base + k * step}, draws) for k in ((1, 2, 3) if check else (1, 2))]
    except InputError as error:
        raise InputError(
            "fund_from", f"routed money goes into {key}, which this stream cannot take: {error.as_key()}"
        ) from None
    unit = {
        name: (getattr(runs[1], name) - getattr(runs[0], name)) / step for name in (*_FLOWS, "contributed", "value")
    }
    if check:
        twice = {name: (getattr(runs[2], name) - getattr(runs[0], name)) / (2 * step) for name in unit}
        size = max(1.0, float(np.abs(unit["value"]).max()))
        if any(not np.allclose(unit[n], twice[n], rtol=1e-6, atol=1e-9 * size) for n in unit):
            raise InputError(
                "fund_from",
                f"{method.name} does not grow in proportion to its capital, so routed money cannot be added to it",
            )
    upfront = (runs[1].upfront - runs[0].upfront) / step
    n = stream.params.months
    cohort = {name: np.zeros((unit["value"].shape[0], months)) for name in (*_FLOWS, "contributed", "value")}
    span = min(n, months - 1)
    for name in _FLOWS:
        cohort[name][:, 1 : span + 1] = unit[name][:, :span]
    # Index 0 is the end of the month the money is routed: what the method puts in up front goes in then.
    cohort["contributed"][:, 0] = upfront
    cohort["contributed"][:, 1 : span + 1] = unit["contributed"][:, :span]
    cohort["contributed"][:, 1] -= upfront
    cohort["value"][:, 0] = upfront
    cohort["value"][:, 1 : span + 1] = unit["value"][:, :span]
    return cohort


def _project_with(stream: Stream, change: dict[str, Any], draws: Draws) -> Projection:
    values = {**stream.params.model_dump(by_alias=True), **change}
    params = build(stream.method.params, values)
    state = _stream_draws(draws, params.months)
    if state.rng is not None:
        state = replace(state, rng=copy.deepcopy(state.rng))  # every run sees the same random numbers
    return stream.method.project(params, state)


def _with_cohorts(own: Projection, cohort: dict[str, np.ndarray], routed: np.ndarray) -> Projection:
    """The stream plus every month's routed money as a cohort: column[m] += sum_t routed[t] * cohort[m - t]."""
    paths = max(routed.shape[0], cohort["value"].shape[0])
    # Every column convolves the same routed money: its transform is taken once.
    spectrum = np.fft.rfft(routed, 2 * routed.shape[1], axis=1) if paths > 1 else None
    added = {name: convolve(routed, values, spectrum) for name, values in cohort.items()}
    return replace(own, **_standard(own, added))


def _standard(own: Projection, added: dict[str, np.ndarray]) -> dict[str, Any]:
    """own's columns plus the cohorts', with net income and payout following (payout = net income - reinvested)."""
    columns = {
        name: own.column(name) + added[name]
        for name in ("contributed", "income", "costs", "taxes", "reinvested", "returned", "value", "hours")
    }
    columns["revaluation"] = own.revaluation + added["revaluation"]
    columns["net_income"] = columns["income"] - columns["costs"] - columns["taxes"]
    columns["payout"] = columns["net_income"] - columns["reinvested"]
    # A method's own columns and figures (extras, metrics) describe its own money only, not the cohorts': dropped.
    return {**columns, "extras": {}, "metrics": {}}


def convolve(routed: np.ndarray, cohort: np.ndarray, spectrum: np.ndarray | None = None) -> np.ndarray:
    """out[:, m] = sum over t <= m of routed[:, t] * cohort[:, m - t], per path, cut to N months.

    spectrum: np.fft.rfft(routed, 2 N, axis=1) when the caller has it already (several cohorts, the same routed money).
    """
    n = routed.shape[1]
    paths = max(routed.shape[0], cohort.shape[0])
    if paths == 1:
        return np.convolve(routed[0], cohort[0])[:n][None, :]
    size = 2 * n
    if spectrum is None:
        spectrum = np.fft.rfft(routed, size, axis=1)
    out = np.fft.irfft(spectrum * np.fft.rfft(cohort, size, axis=1), size, axis=1)
    return out[:, :n]


# -- files -----------------------------------------------------------------------


def check_work(streams: list[Stream], months: int, paths: int | None = None, max_work: float = 1.0) -> None:
    """Refuse (InputError, exit 2) projecting (paths None) or simulating a portfolio over the work budget.

    A stream that takes routed money is projected three times (its own run and two for its unit
    cohort), so it counts three times. max_work multiplies the budget (risk.check_work).
    """
    from passivecalc import risk

    names = [s.method.name for s in streams for _ in range(3 if s.fund_from else 1)]
    work = risk.estimate_work(names, months, paths)
    reduce = "fewer streams" + (" or paths (--simulate)" if paths is not None else "") + " or years"
    risk.check_work(work, max_work, reduce=reduce)


def load(path: Path, max_work: float = 1.0) -> tuple[list[Stream], int]:
    """The streams of a portfolio file, validated: keys, start months, routing (no cycles, shares within 100 %).

    A portfolio whose plain projection is over the work budget (times max_work) is refused here.
    """
    from passivecalc import scenarios as files

    data = files.read(path)
    if "scenarios" in data and "streams" not in data:
        raise InputError("", f"{path}: holds [scenarios], not [streams]; run it with: passivecalc run {path}")
    shared = files.shared_settings(path, data, allowed=("version", "streams"))
    tables = files.tables(path, data, "streams")
    horizon = build(Params, shared)
    streams = []
    for name, table in tables.items():
        where = f'{path}: stream "{name}"'
        method, values = files.method_and_values(where, table, allowed=files.STREAM_KEYS)
        for key in files.SHARED_KEYS:
            if key in values:
                raise InputError("", f"{where}: {key}: set it once, at the top of the file, for the whole portfolio")
        start = table.get("start_month", 1)
        if isinstance(start, bool) or not isinstance(start, int) or not 1 <= start <= horizon.months:
            raise InputError("", f"{where}: start_month: {start!r} is not a month from 1 to {horizon.months}")
        fund_from = table.get("fund_from")
        share = table.get("share", 100 if fund_from is not None else None)
        if share is not None and fund_from is None:
            raise InputError(
                "", f'{where}: share: set fund_from too, the stream whose payout it takes, e.g. fund_from = "blog"'
            )
        if fund_from is not None:
            if fund_from not in tables or fund_from == name:
                others = [n for n in tables if n != name]
                raise InputError(
                    "",
                    f"{where}: fund_from: {fund_from!r} is not another stream{files.did_you_mean(str(fund_from), others)}",
                )
            if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 100:
                raise InputError("", f"{where}: share: {share!r} is out of range (allowed: above 0 to 100 %)")
        # The stream runs from its start month to the portfolio's end: whole years, cut at the end.
        years = -(-(horizon.months - start + 1) // MONTHS_PER_YEAR)
        with files.context(where):
            params = build(method.params, {**shared, **values, "years": years})
        routed_share = 100.0 if fund_from is None or share is None else float(share)
        streams.append(Stream(name, method, params, start, fund_from, routed_share))
    _check_routing(path, streams)
    check_work(streams, horizon.months, max_work=max_work)
    for stream in streams:
        if stream.fund_from:
            # Refuse a target that cannot take routed money now, not halfway through a run.
            with files.context(f'{path}: stream "{stream.name}"'):
                _unit_cohort(stream, horizon.months, Draws.expected(horizon.months), check=True)
    return streams, horizon.months


def _check_routing(path: Path, streams: list[Stream]) -> None:
    by_name = {s.name: s for s in streams}
    for stream in streams:
        seen = [stream.name]
        source = stream.fund_from
        while source is not None:
            if source in seen:
                loop = " -> ".join([*seen, source])
                raise InputError(
                    "", f'{path}: stream "{stream.name}": fund_from: money would go round in a loop ({loop})'
                )
            seen.append(source)
            source = by_name[source].fund_from
    for source in by_name:
        taken = sum(s.share for s in streams if s.fund_from == source)
        if taken > 100 + 1e-9:
            raise InputError("", f'{path}: stream "{source}": streams take {taken:g} % of its payout (at most 100 %)')
