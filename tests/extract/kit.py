"""Helpers shared by the extraction tests (imported as ``extract.kit``)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import opencc
from click.testing import CliRunner, Result

from tracker.cli import main
from tracker.domain.goals import Comparator
from tracker.extract import Candidate, extract_targets

ROOT = Path(__file__).resolve().parents[2]

AT_LEAST, MORE, ABOUT, AT_MOST = (
    Comparator.at_least,
    Comparator.more_than,
    Comparator.about,
    Comparator.at_most,
)


def only(text: str, **options: object) -> Candidate:
    found = extract_targets(text, year=2025, **options)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


def figures(text: str, **options: object) -> list[tuple[str, Comparator, float | None, str]]:
    found = extract_targets(text, year=2025, **options)  # type: ignore[arg-type]
    return [(c.indicator, c.comparator, c.target, c.unit) for c in found]


def read(text: str, **options: object) -> list[tuple[str, str, str]]:
    """(indicator, measure, target) of every goal, for an entity and year given."""
    options = {"year": 2025, "entity": "某市", **options}
    found = extract_targets(text, **options)  # type: ignore[arg-type]
    return [(c.indicator, c.measure.value, c.target_text) for c in found]


TRADITIONAL = "2025年,火炬開發區力爭(zhēng)全年GDP增長(zhǎng)6.5%以上,規(guī)上工業增加值增速超7%。"


ARTICLE = (
    "URL: https://example.org/p.html\n"
    "2024年,火炬开发区全年完成GDP573.7亿元,增长3.5%。\n"
    "2025年,火炬开发区力争全年GDP增长6.5%以上,引进项目不少于80个,力争3年新增1-2个千亿产业集群。\n"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def messy_copy(text: str) -> str:
    """Traditional, pinyin after characters, full-width digits, "6 . 5", junk, body twice."""
    text = opencc.OpenCC("s2t").convert(text)
    text = re.sub(r"([\u4e00-\u9fff])([\u4e00-\u9fff]{2})", r"\1(pīn)\2", text)
    text = text.replace(".", " . ").translate(
        str.maketrans("0123456789%", "０１２３４５６７８９％")
    )
    return f"首頁 > 新聞 > 正文\n{text}\n{text}"


def benchmark() -> ModuleType:
    benchmarks = ROOT / "tests" / "benchmarks"
    if str(benchmarks) not in sys.path:
        sys.path.insert(0, str(benchmarks))  # the script imports the module beside it
    spec = importlib.util.spec_from_file_location(
        "extract_recall", benchmarks / "extract_recall.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
