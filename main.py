"""Start the Siyu Desktop window (python main.py [--demo] [--data-dir DIR])."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()  # big sheets are loaded by a child process (also when frozen)
    from siyu_desktop.app import main  # here, not above: that child need not load Qt

    main()
