# Every target makes the virtualenv and installs the project first, so a fresh clone needs only Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test lint format demo crawl serve replica clean fuzz soak bench bench-extraction bench-entities bench-crawl bench-profile bench-nightly bench-scale bench-scale-quick bench-learned bench-versions

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# Bytecode for the project's own modules, as pip writes it for installed packages: an editable install has
	# none, and where PYTHONDONTWRITEBYTECODE is set every command would compile them again (0.1 s a start).
	$(BIN)/python -m compileall -q crawler
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check crawler tests fuzz
	$(BIN)/ruff format --check crawler tests fuzz

format: $(STAMP)
	$(BIN)/ruff format crawler tests fuzz
	$(BIN)/ruff check --fix crawler tests fuzz

demo: $(STAMP)
	$(BIN)/python -m crawler demo

replica: $(STAMP)
	$(BIN)/python -m crawler replica --port 8070

serve: $(STAMP)
	$(BIN)/python -m crawler serve

FUZZ_STAMP := $(VENV)/.installed-fuzz

$(FUZZ_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,fuzz]'
	touch $(FUZZ_STAMP)

# Coverage-guided fuzzing (atheris) of the page extractor for FUZZ_SECONDS (default 300), from replica pages
# written to build/fuzz/corpus/; a crash saves its input in build/fuzz/crashes/ and fails the target.
fuzz: $(FUZZ_STAMP)
	FUZZ_SECONDS=$${FUZZ_SECONDS:-300} nice -n 10 $(BIN)/python fuzz/fuzz_extract.py

# The soak test at a larger size: a crawl of SOAK_ARTICLES (default 20,000) replica articles under 10% injected
# faults, then reruns until nothing is lost; prints its figures and writes bench/results-soak.json (~5 minutes).
soak: $(STAMP)
	SOAK_ARTICLES=$${SOAK_ARTICLES:-20000} SOAK_RESULTS=bench/results-soak.json $(BIN)/python -m pytest tests/test_soak.py -s -q

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: bench-extraction bench-entities bench-crawl bench-profile bench-nightly bench-scale-quick bench-learned

# Pages per second and share of fields right, ours against trafilatura, on 500 replica pages (read by their
# profiles) and on the 108 labelled pages of tests/files/layouts/ (read generically: per family, held-out part,
# people and provinces against underthesea, the whole extract command); writes the "extraction" and "layouts"
# parts of bench/results.json (~5 minutes; BENCH_NO_BASELINE=1 leaves underthesea out).
bench-extraction: $(BENCH_STAMP)
	$(BIN)/python bench/extraction.py

# Precision, recall and F1 of entity extraction on the hand-labelled set and the replica, with
# underthesea's ner() as a baseline; writes bench/results-entities.json.
bench-entities: $(BENCH_STAMP)
	$(BIN)/python bench/entities.py

# Crawl throughput against a bare Scrapy spider on a 20,000-article replica (BENCH_ARTICLES);
# median of 3 rounds (BENCH_CRAWL_RUNS); writes the "crawl" part of bench/results.json. Takes ~7 minutes.
bench-crawl: $(STAMP)
	$(BIN)/python bench/crawl.py

# Where a crawl's time goes: cProfile of a 3,000-article crawl, summed by part (bench/results.json).
bench-profile: $(STAMP)
	$(BIN)/python bench/profile_crawl.py

# Requests of a nightly run on an unchanged 20,000-article replica and with 50 new articles, and
# reextract's speed (BENCH_ARTICLES, BENCH_NEW);
# writes bench/results-nightly.json.
bench-nightly: $(STAMP)
	$(BIN)/python bench/nightly.py

# Ingest rate, bytes per article and Datasette latency (p50/p95 of 20 requests, before and after issue 6's
# changes) on synthetic archives of 10k, 100k and 1M articles (BENCH_SCALE_SIZES), cached in bench/.cache/;
# writes bench/results-scale.json. The first run (building the 1M archive) takes about 16 minutes on 2 cores.
# Crawling without a profile (crawl --start-url) against crawling with one, on the six replica portals of 300
# articles: news found, other rows, titles and dates right, requests (discovery's apart), the next run's requests;
# writes bench/results-learned.json (~1 minute).
bench-learned: $(STAMP)
	$(BIN)/python bench/learned.py

# The synthetic archive of SIZE articles (default 1,000,000, cached by bench-scale) served by commit REV
# (default 67fe140, before issue 17) and by the working tree, request by request in turns, RUNS times (default 5);
# writes bench/results-versions.json.
bench-versions: $(STAMP)
	REV=$${REV:-67fe140} SIZE=$${SIZE:-1000000} nice -n 10 $(BIN)/python bench/versions.py

bench-scale: $(STAMP)
	BENCH_SCALE_SIZES=$${BENCH_SCALE_SIZES:-10000,100000,1000000} nice -n 10 $(BIN)/python bench/scale.py

# The same at 10k articles only (about a minute).
bench-scale-quick: $(STAMP)
	BENCH_SCALE_SIZES=10000 nice -n 10 $(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
