"""Project tools run from the repository root (not shipped with the package): see scripts/banks/ and scripts/judges/."""
