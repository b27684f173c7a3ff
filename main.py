"""Start the Siyu Desktop window (python main.py [--demo] [--data-dir DIR])."""

from siyu_desktop.app import main

if __name__ == "__main__":
    main()
