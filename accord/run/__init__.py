"""Running checks on targets: the store, the executor and the planner."""
