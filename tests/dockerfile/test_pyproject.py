"""pyproject.toml's console scripts: tables among others, poetry sub-tables, inline forms, and files that are not TOML."""
from dockharden.dockerfile.pyproject import console_scripts

LONG = "".join(f'[tool.lint{n}]\nselect = ["E{n}", "W{n}"]\n' for n in range(40))


def test_a_scripts_table_among_other_tables_gives_its_names():
    text = f'[project]\nname = "acme"\n[project.scripts]\nacme-serve = "acme.web:main"\nacme-admin = "acme.cli:run"\n{LONG}'
    assert console_scripts(text).names == {"acme-serve", "acme-admin"}


def test_project_and_poetry_script_tables_are_both_read():
    text = f'{LONG}[tool.poetry.scripts]\nworker = "acme.jobs:main"\n[ project . scripts ]\nweb = "acme.web:main"\n[tool.black]\nline-length = 99\n'
    assert console_scripts(text).names == {"worker", "web"}


def test_a_poetry_script_given_as_a_sub_table_is_a_name():
    text = '[tool.poetry.scripts]\nweb = "acme.web:main"\n[tool.poetry.scripts.setup-db]\nreference = "bin/setup"\ntype = "file"\n[tool.isort]\nprofile = "black"\n'
    assert console_scripts(text).names == {"web", "setup-db"}


def test_scripts_given_inline_in_the_project_table_are_read_from_the_whole_file():
    assert console_scripts('[project]\nname = "acme"\nscripts = { acme-up = "acme:up" }\n').names == {"acme-up"}
    assert console_scripts('[project]\nname = "acme"\nscripts.acme-down = "acme:down"\n').names == {"acme-down"}


def test_no_scripts_and_files_that_are_not_toml_give_none():
    assert console_scripts(f'[project]\nname = "acme"\n{LONG}').names == frozenset()
    assert console_scripts("[project\nscripts = {").names == frozenset()
    assert console_scripts('[project.scripts]\nweb = \n').names == frozenset()
