"""Chat targets: the systems under test, behind one small async protocol (see `base`)."""

from accord.targets.base import ChatMessage, ChatTarget, Reply, build_target

__all__ = ["ChatMessage", "ChatTarget", "Reply", "build_target"]
