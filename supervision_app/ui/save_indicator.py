"""The status-bar indicator: "Saving…", "All changes saved at 14:02:31" or a red error."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from supervision_app.ui.autosave_bridge import AutosaveBridge, SaveState
from supervision_app.ui.elided_label import ElidedLabel
from supervision_app.ui.widgets import repolish


class SaveIndicator(ElidedLabel):
    """A long error ("Not saved: …" and its cause) is cut short with "…" where the status
    bar has no room; the whole of it is in the tooltip and read by screen readers."""

    def __init__(self, bridge: AutosaveBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, minimum=140, maximum=520)
        self.setObjectName("saveIndicator")
        self.setAccessibleName(self.tr("Save status"))
        self._bridge = bridge
        bridge.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        state = self._bridge.state()
        if state is SaveState.FAILED:
            text = self.tr("Not saved: {error}").format(error=" ".join(self._bridge.errors()))
        elif state is SaveState.SAVING:
            text = self.tr("Saving…")
        elif state is SaveState.SAVED and self._bridge.last_saved_at is not None:
            text = self.tr("All changes saved at {time}").format(
                time=self._bridge.last_saved_at.strftime("%H:%M:%S")
            )
        else:
            text = ""
        self.setText(("● " if state is SaveState.FAILED else "") + text)
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        if self.property("state") != state.value:
            self.setProperty("state", state.value)
            repolish(self)
