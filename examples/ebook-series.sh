# Shows a five-book series on KDP: read-through from book to book, Kindle Unlimited pages and a small ad budget, with royalties by source.
set -euo pipefail
passivecalc ebook --books 5 --months-per-book 4 --price 4.99 --launch-sales 80 --tail-sales 8 --read-through 45 --ku-pages 3000 --ads 100 --acos 70 --years 6
