# Shows what volatility does to a 50/50 pool that looks flat in the deterministic run: 2,000 simulated price paths, impermanent loss from each, and the share reaching 150 a month.
set -euo pipefail
passivecalc liquidity --capital 10000 --fee-apr 25 --volatility 80 --failure-probability 3 --simulate 2000 --seed 7 --years 3 --target 150
