"""python -m jobtrends.samplegen [--seed 7] [--out data/sample] [--phrases DIR]"""

from __future__ import annotations

import argparse
import sys

from . import DEFAULT_SEED, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jobtrends.samplegen",
        description="Generate the sample job boards of `jobtrends demo` (deterministic for a seed).",
        epilog="example: python -m jobtrends.samplegen --seed 7 --out data/sample",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument("--out", default="data/sample", help="output folder (default %(default)s)")
    parser.add_argument("--phrases", default=None, help="phrase-bank folder (default: data/sample/phrases)")
    args = parser.parse_args(argv)
    summary = generate(args.out, seed=args.seed, phrases=args.phrases)
    kinds = ", ".join(f"{kind} {count}" for kind, count in summary.postings_by_kind.items())
    print(f"{summary.postings} postings ({kinds}) from {summary.employers} employers, "
          f"{summary.industries} industries, {summary.months} months -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
