"""Targets: the systems under test. Chat targets behind one small async protocol (see `base`); classifier
and dataset targets are read by the computed checks that measure them."""

from accord.targets.base import ChatMessage, ChatTarget, Reply, TargetType, build_target, registered_target_types

__all__ = ["ChatMessage", "ChatTarget", "Reply", "TargetType", "build_target", "registered_target_types"]
