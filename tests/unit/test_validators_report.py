"""Settings, SARIF/JSON output and the two command lines."""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pocketguide.findings import Finding, Severity, to_sarif
from pocketguide.validators.config import CheckConfig, apply_site_options, load_check_config

if TYPE_CHECKING:
    from collections.abc import Callable

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def test_pyproject_settings(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        "[tool.pocketguide.checks]\nmax_grade = 9\nmin_words = 20\n"
        'citation_exempt = ["index.md"]\n'
        '[tool.pocketguide.checks.severity]\nWRD002 = "error"\nRDG001 = "ignore"\n'
    )
    config, problems = load_check_config(pyproject)
    assert problems == []
    assert config == CheckConfig(
        severity={"WRD002": Severity.ERROR, "RDG001": Severity.IGNORE},
        max_grade=9.0,
        min_words=20,
        citation_exempt=("index.md",),
    )


def test_data_settings(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[tool.pocketguide.checks]\nphone_allow = ["0800 123 4567"]\n'
        "[tool.pocketguide.checks.data_review_years]\nhelplines = 2\n"
    )
    config, problems = load_check_config(pyproject)
    assert problems == []
    assert config.phone_allow == ("0800 123 4567",)
    assert config.data_review_years == {"emergency": 1, "helplines": 2}


def test_blocked_hosts_replace_the_default_list(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[tool.pocketguide.checks.blocked_hosts]\n"example.net" = "mirror"\n'
        '"github.com/someone" = "scrape"\n'
    )
    config, problems = load_check_config(pyproject)
    assert (dict(config.blocked_hosts), problems) == (
        {"example.net": "mirror", "github.com/someone": "scrape"},
        [],
    )


def test_the_guides_settings_load_without_problems() -> None:
    config, problems = load_check_config(SCRIPTS.parent / "pyproject.toml")
    assert problems == []
    assert config.blocked_hosts["uk-times.com"] == (
        "news aggregator that reposts other sites' stories"
    )


PLUGIN = "plugins:\n  - pocketguide/content:\n"
ENV = "      require_clinical_review: !ENV [POCKETGUIDE_RELEASE, false]\n"
PAGES = ("emergency.md", "card.md")
KINDS = ("government", "regulator", "label", "peer-reviewed", "service")


@pytest.mark.parametrize(
    ("mkdocs_yml", "env", "expected"),
    [
        # mkdocs.yml text, POCKETGUIDE_RELEASE, (primary_pages, primary_kinds, required)
        ("plugins:\n  - search\n  - pocketguide/content\n", None, (PAGES, KINDS, False)),
        (PLUGIN + "      primary_pages: [help/*.md]\n      primary_kinds: [government]\n", None,
         (("help/*.md",), ("government",), False)),
        (PLUGIN + ENV, None, (PAGES, KINDS, False)),
        (PLUGIN + ENV, "true", (PAGES, KINDS, True)),
        (PLUGIN + ENV, "false", (PAGES, KINDS, False)),
    ],
    ids=["defaults", "set", "env-unset", "env-true", "env-false"],
)  # fmt: skip
def test_site_options_come_from_mkdocs_yml(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    mkdocs_yml: str,
    env: str | None,
    expected: tuple[tuple[str, ...], tuple[str, ...], bool],
) -> None:
    if env is None:
        monkeypatch.delenv("POCKETGUIDE_RELEASE", raising=False)
    else:
        monkeypatch.setenv("POCKETGUIDE_RELEASE", env)
    path = tmp_path / "mkdocs.yml"
    path.write_text(mkdocs_yml)
    config, problems = apply_site_options(CheckConfig(), path)
    assert (config.primary_pages, config.primary_kinds, config.require_clinical_review) == expected
    assert problems == []


@pytest.mark.parametrize(
    ("level", "pyproject", "expected"),
    [
        # primary_citations in mkdocs.yml, CI012 severity in pyproject, the checks' CI012 level
        ("warn", {}, Severity.WARN),
        ("ignore", {}, Severity.IGNORE),
        ("warn", {"CI012": Severity.ERROR}, Severity.ERROR),
    ],
)
def test_primary_citations_level_comes_from_mkdocs_yml_unless_pyproject_sets_one(
    tmp_path: Path, level: str, pyproject: dict[str, Severity], expected: Severity
) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_text(PLUGIN + f"      primary_citations: {level}\n")
    config, problems = apply_site_options(CheckConfig(severity=pyproject), path)
    assert (config.severity["CI012"], problems) == (expected, [])


def test_the_registry_and_data_folder_come_from_mkdocs_yml(tmp_path: Path) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_text(PLUGIN + "      sources: refs/registry.yml\n      data_dir: facts\n")

    config, problems = apply_site_options(CheckConfig(), path)

    assert problems == []
    assert config.registry_path(tmp_path / "docs") == tmp_path / "refs" / "registry.yml"
    assert config.data_path(tmp_path / "docs") == tmp_path / "facts"
    assert CheckConfig().registry_path(tmp_path / "docs") == tmp_path / "docs" / "sources.yml"


def test_unusable_site_option_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_text(PLUGIN + "      primary_kinds: [blog]\n")
    config, problems = apply_site_options(CheckConfig(), path)
    assert config == CheckConfig()
    assert [f.format() for f in problems] == [
        f"{path}:0:0: CFG001 pocketguide/content option 'primary_kinds' cannot be used:"
        " ['blog'] — see the options in the README",
    ]
    assert apply_site_options(CheckConfig(), tmp_path / "none.yml") == (CheckConfig(), [])


def test_site_options_in_pyproject_point_to_mkdocs_yml(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.pocketguide.checks]\nrequire_clinical_review = true\n")
    config, problems = load_check_config(pyproject)
    assert config.require_clinical_review is False
    assert [(f.code, f.message, f.fix) for f in problems] == [
        (
            "CFG001",
            "'require_clinical_review' is an option of pocketguide/content in mkdocs.yml",
            "move it under pocketguide/content",
        )
    ]


def test_yaml_settings(tmp_path: Path) -> None:
    path = tmp_path / "checks.yml"
    path.write_text("checks:\n  severity:\n    LNK015: warn\n  emergency_short_codes: ['112']\n")
    config, problems = load_check_config(path)
    assert (config.severity, config.emergency_short_codes, problems) == (
        {"LNK015": Severity.WARN},
        ("112",),
        [],
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[tool.pocketguide.checks.severity]\nWRD001 = "fatal"\n',
            "severity of 'WRD001' is 'fatal'; use error, warn or ignore",
        ),
        (
            "[tool.pocketguide.checks]\nmax_grade = 'eight'\n",
            "unknown or invalid setting 'max_grade': 'eight'",
        ),
        ("[tool.pocketguide.checks]\nmax_grde = 8\n", "unknown or invalid setting 'max_grde': 8"),
        (
            "[tool.pocketguide.checks.data_review_years]\nhelplines = 0\n",
            "unknown or invalid setting 'data_review_years': {'helplines': 0}",
        ),
        ("[tool.pocketguide.checks\n", "cannot parse the settings file: "),
    ],
)
def test_bad_settings_are_findings(tmp_path: Path, text: str, message: str) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text)
    _, problems = load_check_config(pyproject)
    assert [p.code for p in problems] == ["CFG001"]
    assert problems[0].message.startswith(message)


def test_missing_pyproject_means_defaults(tmp_path: Path) -> None:
    assert load_check_config(tmp_path / "pyproject.toml") == (CheckConfig(), [])
    _, problems = load_check_config(tmp_path / "checks.yml")
    assert [p.code for p in problems] == ["CFG001"]


def test_apply_sets_severity_and_drops_ignored() -> None:
    config = CheckConfig(severity={"A": Severity.WARN, "B": Severity.IGNORE})
    findings = [
        Finding("p", 2, 1, "B", "b"),
        Finding("p", 1, 1, "A", "a"),
        Finding("p", 3, 1, "C", "c"),
    ]
    assert config.apply(findings) == [
        Finding("p", 1, 1, "A", "a", severity=Severity.WARN),
        Finding("p", 3, 1, "C", "c"),
    ]


def test_sarif_log() -> None:
    findings = [
        Finding("docs/a.md", 3, 5, "WRD001", "bad word", "use another", Severity.ERROR),
        Finding("site/sw.js", 0, 0, "LNK016", "no sw", "", Severity.WARN),
    ]
    log = json.loads(to_sarif(findings, "tool", {"WRD001": "stigma", "LNK016": "no sw.js"}))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["rules"] == [
        {"id": "LNK016", "shortDescription": {"text": "no sw.js"}},
        {"id": "WRD001", "shortDescription": {"text": "stigma"}},
    ]
    assert run["results"] == [
        {
            "ruleId": "WRD001",
            "ruleIndex": 1,
            "level": "error",
            "message": {"text": "bad word — use another"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "docs/a.md"},
                        "region": {"startLine": 3, "startColumn": 5},
                    }
                }
            ],
        },
        {
            "ruleId": "LNK016",
            "ruleIndex": 0,
            "level": "warning",
            "message": {"text": "no sw"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "site/sw.js"}}}],
        },
    ]


def _run_script(name: str, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    namespace = runpy.run_path(str(SCRIPTS / name))
    status = namespace["main"](argv)
    return status, capsys.readouterr().out


def test_check_content_cli_text_json_and_exit(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    validator_case: Callable[[str, str, Path], Path],
) -> None:
    root = validator_case("content", "wrd002-avoid", tmp_path)
    docs = str(root / "docs")
    status, out = _run_script("check_content.py", [docs, "--today", "2026-11-22"], capsys)
    assert status == 0  # warnings only
    lines = out.splitlines()
    assert lines[-1] == "3 pages checked: 0 errors, 2 warnings"
    assert lines[0].endswith(
        "page.md:12:3: WRD002 (warn) 'relapse' is stigmatising language"
        " — write 'return to use' instead"
    )
    settings = tmp_path / "checks.yml"
    settings.write_text("checks:\n  severity:\n    WRD002: error\n")
    status, out = _run_script(
        "check_content.py",
        [docs, "--today", "2026-11-22", "--config", str(settings), "--format", "json"],
        capsys,
    )
    assert status == 1
    assert [(f["code"], f["line"], f["severity"]) for f in json.loads(out)] == [
        ("WRD002", 12, "error"),
        ("WRD002", 13, "error"),
    ]


def test_check_links_cli_sarif_and_list_external(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    validator_case: Callable[[str, str, Path], Path],
) -> None:
    root = validator_case("links", "lnk001-broken-link", tmp_path)
    args = [str(root / "site"), "--docs", str(root / "docs"), "--mkdocs", str(root / "mkdocs.yml")]
    status, out = _run_script("check_links.py", [*args, "--format", "sarif"], capsys)
    assert status == 1
    results = json.loads(out)["runs"][0]["results"]
    assert [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results
    ] == [
        ("LNK001", 19),
        ("LNK001", 21),
    ]
    status, out = _run_script("check_links.py", [*args, "--list-external"], capsys)
    lines = out.splitlines()
    assert lines[-1] == "3 pages checked: 2 errors, 0 warnings"
    assert any(line.endswith("index.md:15:18: https://www.nhs.uk/") for line in lines)
