"""council"""
