import tomllib
from pathlib import Path

import pytest

from accord.demo.defaults import default_config
from accord.errors import ConfigError
from accord.plugins import load_config


def test_default_config_is_the_embedded_model_and_the_demo_classifier() -> None:
    cfg = default_config()
    assert [t.type for t in cfg.targets] == ["local", "sklearn"]
    assert cfg.targets[0].model_path is None
    assert [t.family for t in cfg.targets] == ["chat", "classifier"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("targets = [", "not valid TOML"),
        ("name = 'x'", "targets"),
        ('[[targets]]\nname = "a"\ntype = "carrier-pigeon"', "targets.0"),
        ('[[targets]]\nname = "a"\ntype = "openai"\nbase_url = "ftp://x"\nmodel = "m"', "base_url"),
        ('[[targets]]\nname = "a"\ntype = "python"\ncallable = "m:f"\nbogus = 1', "bogus"),
        ('[[targets]]\nname = "a"\ntype = "python"\ncallable = "m:f"\n'
         '[[targets]]\nname = "a"\ntype = "python"\ncallable = "m:g"', "unique"),
        ('[sampling]\nmax_tokens = 0\n[[targets]]\nname = "a"\ntype = "python"\ncallable = "m:f"', "max_tokens"),
    ],
)
def test_bad_configs_give_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "accord.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_readme_example_config_is_valid() -> None:
    """The config a user copies from the README must load, profile and attestations included."""
    import re

    from accord.catalog import all_requirements
    from accord.plugins import parse_config

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert block is not None
    config = parse_config(tomllib.loads(block.group(1)), source="README")
    assert config.profile.regions == ["CN", "EU", "US-CO"]
    assert set(config.attestations) <= set(all_requirements())


def test_a_targets_own_facts_replace_the_shared_ones_for_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "accord.toml"
    path.write_text(
        '[profile]\nkind = "generative_service"\nregions = ["EU"]\npublic_facing = true\n'
        '[[targets]]\nname = "chat"\ntype = "python"\ncallable = "m:f"\n'
        '[[targets]]\nname = "scorer"\ntype = "python"\ncallable = "m:g"\n'
        '[targets.profile]\nkind = "predictive_system"\nsectors = ["credit"]\n', encoding="utf-8")
    cfg = load_config(path)
    chat, scorer = (cfg.profile_for(t) for t in cfg.targets)
    assert (chat.kind, chat.sectors, chat.regions) == ("generative_service", None, ["EU"])
    assert (scorer.kind, scorer.sectors, scorer.regions, scorer.public_facing) == (
        "predictive_system", ["credit"], ["EU"], True)


def test_the_default_classifier_is_described_as_a_credit_decision_system() -> None:
    cfg = default_config()
    model, classifier = (cfg.profile_for(t) for t in cfg.targets)
    assert model.kind == "general_purpose_model" and classifier.kind == "predictive_system"
    assert classifier.sectors == ["credit"] and classifier.languages == model.languages
