"""The participant's own pages: for now their home, with each of their trainings."""
