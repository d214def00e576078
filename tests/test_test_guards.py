"""The suite's own guards work: sockets fail, folders are redirected."""

import os
import socket
from pathlib import Path

import platformdirs
import pytest


def test_creating_a_socket_is_refused(no_sockets: list[str]) -> None:
    with pytest.raises(RuntimeError, match="network access"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert no_sockets == ["socket.__new__"]
    no_sockets.clear()  # recorded as expected; let this test pass


def test_name_lookup_is_refused(no_sockets: list[str]) -> None:
    with pytest.raises(RuntimeError):
        socket.getaddrinfo("localhost", 80)
    no_sockets.clear()


def test_user_folders_point_into_tmp(tmp_path: Path) -> None:
    assert Path(os.environ["HOME"]).is_relative_to(tmp_path)
    assert Path(platformdirs.user_data_dir("Integration Journal")).is_relative_to(tmp_path)
    assert Path(platformdirs.user_config_dir("Integration Journal")).is_relative_to(tmp_path)
