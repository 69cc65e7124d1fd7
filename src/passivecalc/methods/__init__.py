"""The method registry: a method's name -> its Params model, its project function, its description.

The CLI, scenario files, compare, portfolio, goal seeking and Monte Carlo all
go through `REGISTRY`. Adding a method is one module plus one line below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from passivecalc.draws import Draws
from passivecalc.params import Params
from passivecalc.projection import Projection


@dataclass(frozen=True)
class Method:
    name: str
    params: type[Params]
    project_fn: Callable[[Params, Draws], Projection]
    description: str
    # The field a goal search scales for this method: capital for capital
    # methods, the effort lever (articles_per_month, books, ...) for the others.
    scale: str = "capital"

    def project(self, params: Params, draws: Draws | None = None) -> Projection:
        """Run the method and attach the scenario settings (inflation, currency, start)."""
        projection = self.project_fn(params, draws or Draws.expected(params.months))
        return replace(
            projection,
            inflation=params.inflation / 100,
            currency=params.currency,
            start=params.start,
        )


def _registry() -> dict[str, Method]:
    from passivecalc.methods import dividend
    from passivecalc.methods import p2p
    from passivecalc.methods import dropship, rent
    from passivecalc.methods import blog, course, ebook
    from passivecalc.methods import liquidity, staking

    methods = [
        Method("dividend", dividend.DividendParams, dividend.project, dividend.DESCRIPTION),
        Method("p2p", p2p.P2PParams, p2p.project, p2p.DESCRIPTION, scale="capital"),
        Method("dropship", dropship.DropshipParams, dropship.project, dropship.DESCRIPTION, scale="ad_spend"),
        Method("domains", rent.DomainParams, rent.project_domains, rent.DOMAINS_DESCRIPTION, scale="domains"),
        Method("rank-rent", rent.SiteParams, rent.project_sites, rent.SITES_DESCRIPTION, scale="sites"),
        Method("blog", blog.BlogParams, blog.project, blog.DESCRIPTION, scale="articles_per_month"),
        Method("ebook", ebook.EbookParams, ebook.project, ebook.DESCRIPTION, scale="books"),
        Method("course", course.CourseParams, course.project, course.DESCRIPTION, scale="students_per_month"),
        Method("staking", staking.StakingParams, staking.project_staking, staking.STAKING_DESCRIPTION, scale="capital"),
        Method("crypto-lending", staking.LendingParams, staking.project_lending, staking.LENDING_DESCRIPTION, scale="capital"),
        Method("liquidity", liquidity.LiquidityParams, liquidity.project, liquidity.DESCRIPTION, scale="capital"),
    ]
    return {m.name: m for m in methods}


REGISTRY: dict[str, Method] = _registry()


def get(name: str) -> Method:
    return REGISTRY[name]
