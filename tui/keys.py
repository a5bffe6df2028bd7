"""Key bindings of the review screen and the help text that lists them (one place for both)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

BINDINGS: list[BindingType] = [
    Binding("a", "accept", "Accept", tooltip="Accept the best (or highlighted) proposal"),
    *(Binding(str(k), f"accept_nth({k - 1})", f"Accept proposal {k}", show=False) for k in range(1, 10)),
    Binding("r", "reject", "Reject", tooltip="Reject the finding: keep the text as it is"),
    Binding("e", "edit", "Edit", tooltip="Type your own replacement"),
    Binding("l", "learn", "Learn", show=False),
    Binding("c", "clear", "Reopen", show=False),
    Binding("A", "accept_safe", "Accept all safe", show=False, key_display="A"),
    Binding("u,ctrl+z", "undo", "Undo"),
    Binding("U,ctrl+y", "redo", "Redo", show=False, key_display="U"),
    Binding("n", "step(1)", "Next"),
    Binding("p", "step(-1)", "Previous", show=False),
    Binding("N", "step_category(1)", "Next of category", show=False, key_display="N"),
    Binding("P", "step_category(-1)", "Previous of category", show=False, key_display="P"),
    Binding("f", "filter", "Filter", show=False),
    Binding("right_square_bracket", "switch_file(1)", "Next file", show=False, key_display="]"),
    Binding("left_square_bracket", "switch_file(-1)", "Previous file", show=False, key_display="["),
    Binding("b", "toggle_bidi", "Bidi mode", show=False),
    Binding("t", "toggle_theme", "Light/dark", show=False),
    Binding("s,ctrl+s", "save", "Save"),
    Binding("question_mark", "help", "Help", key_display="?"),
    Binding("q", "quit", "Quit"),
]

KEY_HELP: list[tuple[str, str]] = [
    ("a", "accept the best (or the highlighted) proposal"),
    ("1-9", "accept proposal 1-9"),
    ("Enter", "in the proposals panel: accept the highlighted proposal"),
    ("l", "accept a name fix and learn it (accepted ENT001/2: toggle)"),
    ("r", "reject: keep the text; `check` will not raise it again"),
    ("e", "edit the replacement (Enter keeps, Escape cancels)"),
    ("c", "reopen: forget the decision on this finding"),
    ("A", "accept every safe fix that `fix` would apply"),
    ("u / ctrl+z", "undo"),
    ("U / ctrl+y", "redo"),
    ("n / p", "next / previous finding (↓ / ↑ in the findings list)"),
    ("N / P", "next / previous finding of the same category"),
    ("f", "filter the findings by category (all, entity, sentence, …)"),
    ("] / [", "next / previous file"),
    ("s / ctrl+s", "save the repaired text and the decisions"),
    ("b", "right-to-left display: visual (reordered) or logical order"),
    ("t", "light / dark theme (ctrl+p: every theme and command)"),
    ("tab", "move between document, findings and proposals"),
    ("?", "this help"),
    ("q / ctrl+q", "quit (asks when decisions are unsaved)"),
]
