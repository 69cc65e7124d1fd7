"""The method registry: a method's name -> its Params model, its project function, its description.

The CLI, scenario files, compare, portfolio, goal seeking and Monte Carlo all
go through `REGISTRY`. Adding a method is one module plus one `Entry` line below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from importlib import import_module
from typing import NamedTuple

from passivecalc.draws import Draws
from passivecalc.params import Params
from passivecalc.projection import Projection


# Method and Entry are NamedTuples, not frozen dataclasses: a frozen dataclass compiles six methods when
# its module is imported, a millisecond or so each class, and every command imports this module (start-up time).
class Method(NamedTuple):
    name: str
    params: type[Params]
    project_fn: Callable[[Params, Draws], Projection]
    description: str
    # The field a goal search scales for this method: capital for capital
    # methods, the effort lever (articles_per_month, books, ...) for the others.
    scale: str = "capital"

    def project(self, params: Params, draws: Draws | None = None) -> Projection:
        """Run the method and attach the scenario settings (inflation, hour value, currency, start)."""
        projection = self.project_fn(params, draws or Draws.expected(params.months))
        if params.zakat and "zakat" not in projection.extras:
            from passivecalc import zakat

            projection = zakat.charge(projection, zakat_share(self.name, params), params.nisab, params.zakat_year.kind)
        if params.zakat and params.nisab is None and params.currency != "USD":
            from passivecalc.zakat import default_nisab

            nisab = default_nisab()
            projection = replace(
                projection,
                notes=(
                    *projection.notes,
                    f"the default nisab is {nisab.amount:,.0f} USD (85 g of gold at {nisab.usd_per_troy_ounce:,.0f} USD "
                    f"an ounce, {nisab.gold_month}); set --nisab in {params.currency}",
                ),
            )
        return replace(
            projection,
            inflation=params.fractions.inflation,
            hour_value=params.hour_value,
            currency=params.currency,
            start=params.start,
        )


def zakat_share(method: str, params: Params) -> float:
    """The share of a method's value that is zakatable wealth: --zakatable, else the method's default."""
    if params.zakatable is not None:
        return float(params.fractions.zakatable)
    from passivecalc.zakat import ZAKATABLE

    return ZAKATABLE[method].share


class Entry(NamedTuple):
    """A registry line: where a method lives, imported only when the method is used (start-up time)."""

    name: str
    source: str  # "module:ParamsClass:project_function", module under passivecalc.methods
    description: str
    scale: str = "capital"

    def load(self) -> Method:
        module_name, params_name, project_name = self.source.split(":")
        module = import_module(f"passivecalc.methods.{module_name}")
        return Method(
            self.name, getattr(module, params_name), getattr(module, project_name), self.description, self.scale
        )


class Registry(Mapping[str, Method]):
    """Method name -> Method, each method's module imported on first use.

    A run of `passivecalc dividend` imports the dividend module alone; --help
    reads names and descriptions from the lines below without importing any.
    """

    def __init__(self, entries: list[Entry]):
        self.entries = {entry.name: entry for entry in entries}
        self._loaded: dict[str, Method] = {}

    def __getitem__(self, name: str) -> Method:
        if name not in self._loaded:
            self._loaded[name] = self.entries[name].load()
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def description(self, name: str) -> str:
        return self.entries[name].description


REGISTRY = Registry(
    [
        Entry("dividend", "dividend:DividendParams:project", "Dividend stocks and ETFs, with or without DRIP"),
        Entry("p2p", "p2p:P2PParams:project", "Peer-to-peer lending: interest net of defaults, fees and recoveries"),
        Entry(
            "staking",
            "staking:StakingParams:project_staking",
            "Crypto staking: rewards in the token, APR or APY, commission, restaking and its gas",
        ),
        Entry(
            "crypto-lending",
            "staking:LendingParams:project_lending",
            "Crypto lending: supply APY on a lending platform or protocol, net of its fee",
        ),
        Entry(
            "liquidity",
            "liquidity:LiquidityParams:project",
            "Liquidity pools: trading fees and reward tokens against impermanent loss",
        ),
        Entry(
            "blog",
            "blog:BlogParams:project",
            "Blogs and content sites: ad and affiliate income from articles",
            scale="articles_per_month",
        ),
        Entry(
            "ebook",
            "ebook:EbookParams:project",
            "Ebooks on Kindle Direct Publishing: royalties from a catalogue of books",
            scale="books",
        ),
        Entry(
            "course",
            "course:CourseParams:project",
            "Online courses on your own site or a marketplace: sales to students",
            scale="students_per_month",
        ),
        Entry(
            "dropship",
            "dropship:DropshipParams:project",
            "Dropshipping store: orders from ads and organic traffic, margins, break-even ROAS",
            scale="ad_spend",
        ),
        Entry(
            "domains",
            "rent:DomainParams:project_domains",
            "Domain leasing: domains held, let and sold on lease-to-own",
            scale="domains",
        ),
        Entry(
            "rank-rent",
            "rent:SiteParams:project_sites",
            "Rank-and-rent sites: build, rank, then let to a local business",
            scale="sites",
        ),
    ]
)


def get(name: str) -> Method:
    return REGISTRY[name]
