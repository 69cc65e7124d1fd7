# Shows why the number of loans matters: the same 4 % default rate on a book of 10 loans and of 200, 2,000 simulated paths each, as JSON.
set -euo pipefail
passivecalc p2p --capital 5000 --rate 12 --default-rate 4 --years 5 --loans 10 --simulate 2000 --seed 7 --format json
passivecalc p2p --capital 5000 --rate 12 --default-rate 4 --years 5 --loans 200 --simulate 2000 --seed 7 --format json
