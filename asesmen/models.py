"""Jadwal, MAPA, AK, IA, verdicts (K/BK), banding, pleno/SK — models arrive with the assessment issues."""
