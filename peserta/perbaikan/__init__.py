"""The participant's check of their printed data before certificates are made: confirmations, requests to
correct it (*permintaan perbaikan data*), and staff's answers on the angkatan's tab."""
