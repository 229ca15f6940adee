// SESimulator: a software Ultravisor for tests and CI (perform --simulate).
