"""`make bench`: how fast TalentHub is at city and national scale (README, "Performance")."""
