"""Qt widgets and models on top of the domain and file layers."""
