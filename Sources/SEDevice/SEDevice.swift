// SEDevice: the Ultravisor device seam.
