"""Probe banks: versioned JSONL files of test inputs with their expected behaviour."""

from accord.probes.bank import load_bank
from accord.probes.model import Bank, Probe
from accord.probes.sampling import limit_probes, select_probes, stratified_sample

__all__ = ["Bank", "Probe", "load_bank", "limit_probes", "select_probes", "stratified_sample"]
