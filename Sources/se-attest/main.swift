print("se-attest: under construction")
