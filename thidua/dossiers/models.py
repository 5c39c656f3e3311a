"""dossiers"""
