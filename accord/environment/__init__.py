"""Environmental figures: energy of inference measured or estimated on this machine, grid carbon intensity
(a cited table shipped here), and training compute against the AI Act's and Korea's thresholds."""
