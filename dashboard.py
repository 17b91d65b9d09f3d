"""The Streamlit dashboard (placeholder: the dashboard issue fills it in)."""

import streamlit as st

st.title("指标 zhibiao")
