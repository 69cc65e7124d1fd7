"""passivecalc: project passive income from the methods people weigh against each other."""

__version__ = "0.1.0"
