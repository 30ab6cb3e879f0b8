from copscompare.cli import run

run()
