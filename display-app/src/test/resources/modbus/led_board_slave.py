#!/usr/bin/env python3
"""LED boards as pymodbus 3.0.0 RTU slaves, for the display's tests: an implementation nobody here wrote.

usage: led_board_slave.py --port PTY --board ADDRESS:REGISTERS [--board ...] [--baud 9600 --parity N --stopbits 1]

Each board holds REGISTERS holding registers from 0 (a profile's register map: 5 for the register-0 4-digit
family, value in 0 and the decimal point in 1 or 4; 8 for DM36/DM56, ASCII digits in 0-5, the number in 6-7).
After every write it prints one line, "REGS ADDRESS v0 v1 ...", all of that board's registers, so the test can
assert what pymodbus holds. "READY" once the port is open.
"""
import argparse
import asyncio
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncSerialServer
from pymodbus.transaction import ModbusRtuFramer


class ReportingBlock(ModbusSequentialDataBlock):
    """Holding registers that print themselves after each write."""

    def __init__(self, unit, count):
        super().__init__(0, [0] * count)
        self.unit = unit

    def setValues(self, address, values):
        super().setValues(address, values)
        print("REGS", self.unit, " ".join(str(v) for v in self.values), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", required=True)
    parser.add_argument("--board", action="append", required=True, help="ADDRESS:REGISTERS")
    parser.add_argument("--baud", type=int, default=9600)
    parser.add_argument("--parity", default="N")
    parser.add_argument("--stopbits", type=int, default=1)
    args = parser.parse_args()
    slaves = {}
    for board in args.board:
        address, count = (int(x) for x in board.split(":"))
        # zero_mode: request register 0 is block register 0 (pymodbus adds 1 otherwise).
        slaves[address] = ModbusSlaveContext(hr=ReportingBlock(address, count), zero_mode=True)
    context = ModbusServerContext(slaves=slaves, single=False)

    async def serve():
        server_task = asyncio.ensure_future(StartAsyncSerialServer(
            context=context, framer=ModbusRtuFramer, port=args.port, baudrate=args.baud,
            parity=args.parity, stopbits=args.stopbits, bytesize=8, timeout=0.005, ignore_missing_slaves=True))
        await asyncio.sleep(0.3)
        print("READY", flush=True)
        await server_task

    asyncio.run(serve())


if __name__ == "__main__":
    sys.exit(main())
