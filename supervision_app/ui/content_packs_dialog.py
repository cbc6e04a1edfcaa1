"""Help > Content packs: which agency packs loaded, and which were skipped and why."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit, QWidget

from supervision_app.content import Content
from supervision_app.paths import CONTENT_PACKS_ENV, content_pack_roots
from supervision_app.ui.form_dialog import FormDialog
from supervision_app.ui.widgets import text_label


class ContentPacksDialog(FormDialog[None]):
    def __init__(
        self, parent: QWidget | None = None, initial: None = None, *, content: Content
    ) -> None:
        super().__init__(parent, object_name="contentPacksDialog", ok_text=self.tr("Close"))
        self.setWindowTitle(self.tr("Content packs"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.fit_to_screen(640, 420)
        lines = [self.tr("Prompts version {version}").format(version=content.version), ""]
        if content.packs:
            lines.append(self.tr("Loaded:"))
            for pack in content.packs:
                lines.append(
                    self.tr("  {name} ({id}, version {version}): {n} extra prompts").format(
                        name=pack.name, id=pack.id, version=pack.version, n=pack.prompt_count
                    )
                )
                lines.append(f"    {pack.folder}")
        else:
            lines.append(self.tr("No agency content packs are loaded."))
        if content.escalation_policy is not None:
            lines += [
                "",
                self.tr("Escalation policy: {name}").format(name=content.escalation_policy.name),
            ]
        if content.marking:
            lines.append(self.tr("Protective marking: {marking}").format(marking=content.marking))
        if content.pack_problems:
            lines += ["", self.tr("Skipped (nothing from these packs is used):")]
            for problem in content.pack_problems:
                lines += [f"  {problem.folder}", f"    {problem.problem}"]
        lines += [
            "",
            self.tr("Packs are read from:"),
            *[f"  {root}" for root in content_pack_roots()],
            self.tr("and any folder listed in {env}.").format(env=CONTENT_PACKS_ENV),
        ]
        self.details = QPlainTextEdit("\n".join(lines))
        self.details.setObjectName("contentPacksDetails")
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Content packs report"))
        intro = text_label(
            self.tr(
                "An agency can add its own prompts, sources, escalation policy and protective "
                "marking in a content pack. A pack with a problem is skipped as a whole."
            ),
            "secondary",
        )
        self.lay_out(intro, self.details)

    def collect(self) -> None:
        return None
