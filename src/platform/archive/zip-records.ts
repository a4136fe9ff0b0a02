/**
 * The byte layout of a ZIP archive (PKWARE APPNOTE 6.3): local headers, data descriptors, central
 * directory and end records, ZIP64 where a size, an offset or the entry count does not fit 32 (16)
 * bits. Entries are written as a stream, so each local header says "sizes follow in a data
 * descriptor" (flag bit 3) and carries no ZIP64 field; readers take sizes from the central
 * directory, as yazl's archives did.
 */

export const METHOD_STORED = 0;
export const METHOD_DEFLATED = 8;
const FLAG_DATA_DESCRIPTOR = 1 << 3;
const FLAG_UTF8 = 1 << 11;
const VERSION_DEFAULT = 20;
const VERSION_ZIP64 = 45;
/** Made by UNIX (3), so external attributes carry a file mode. */
const VERSION_MADE_BY = (3 << 8) | VERSION_ZIP64;
const FILE_MODE = 0o100644;
export const MAX_32 = 0xffffffff;
export const MAX_16 = 0xffff;

export interface ZipEntryRecord {
  nameBytes: Buffer;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** MS-DOS date and time (local time, 2-second resolution), as every zip tool writes them. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** The extended-timestamp field (0x5455): the modification time in UTC seconds. */
function unixTimeField(mtime: Date): Buffer {
  const field = Buffer.alloc(9);
  field.writeUInt16LE(0x5455, 0);
  field.writeUInt16LE(5, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(Math.max(0, Math.floor(mtime.getTime() / 1000)) >>> 0, 5);
  return field;
}

export function localFileHeader(nameBytes: Buffer, method: number, mtime: Date): Buffer {
  const { time, date } = dosDateTime(mtime);
  const extra = unixTimeField(mtime);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION_DEFAULT, 4);
  header.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 6);
  header.writeUInt16LE(method, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  // CRC-32 and sizes (14..25) stay zero: they follow the data, in the descriptor.
  header.writeUInt16LE(nameBytes.length, 26);
  header.writeUInt16LE(extra.length, 28);
  return Buffer.concat([header, nameBytes, extra]);
}

/** The data descriptor; with 64-bit sizes once either size passes 32 bits. */
export function dataDescriptor(entry: ZipEntryRecord): Buffer {
  const zip64 = entry.compressedSize >= MAX_32 || entry.uncompressedSize >= MAX_32;
  const record = Buffer.alloc(zip64 ? 24 : 16);
  record.writeUInt32LE(0x08074b50, 0);
  record.writeUInt32LE(entry.crc32, 4);
  if (zip64) {
    record.writeBigUInt64LE(BigInt(entry.compressedSize), 8);
    record.writeBigUInt64LE(BigInt(entry.uncompressedSize), 16);
  } else {
    record.writeUInt32LE(entry.compressedSize, 8);
    record.writeUInt32LE(entry.uncompressedSize, 12);
  }
  return record;
}

/**
 * A central directory header. Each of uncompressed size, compressed size and local header offset
 * that does not fit 32 bits is written as 0xFFFFFFFF and given, in that order, in a ZIP64 field.
 */
export function centralDirectoryHeader(entry: ZipEntryRecord, mtime: Date): Buffer {
  const large = [entry.uncompressedSize, entry.compressedSize, entry.localHeaderOffset].filter(
    (value) => value >= MAX_32,
  );
  const zip64 = Buffer.alloc(large.length > 0 ? 4 + 8 * large.length : 0);
  if (large.length > 0) {
    zip64.writeUInt16LE(0x0001, 0);
    zip64.writeUInt16LE(8 * large.length, 2);
    large.forEach((value, index) => zip64.writeBigUInt64LE(BigInt(value), 4 + 8 * index));
  }
  const extra = Buffer.concat([zip64, unixTimeField(mtime)]);
  const { time, date } = dosDateTime(mtime);
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  header.writeUInt16LE(large.length > 0 ? VERSION_ZIP64 : VERSION_DEFAULT, 6);
  header.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(entry.crc32, 16);
  header.writeUInt32LE(Math.min(entry.compressedSize, MAX_32), 20);
  header.writeUInt32LE(Math.min(entry.uncompressedSize, MAX_32), 24);
  header.writeUInt16LE(entry.nameBytes.length, 28);
  header.writeUInt16LE(extra.length, 30);
  // Comment length, disk number and internal attributes (32..37) stay zero.
  header.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
  header.writeUInt32LE(Math.min(entry.localHeaderOffset, MAX_32), 42);
  return Buffer.concat([header, entry.nameBytes, extra]);
}

/**
 * The records closing the archive: the ZIP64 end record and its locator when the entry count, the
 * directory's size or its offset overflow, then the classic end record.
 */
export function endOfCentralDirectory(
  entryCount: number,
  directorySize: number,
  directoryOffset: number,
): Buffer {
  const zip64 = entryCount >= MAX_16 || directorySize >= MAX_32 || directoryOffset >= MAX_32;
  const records: Buffer[] = [];
  if (zip64) {
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeUInt16LE(VERSION_MADE_BY, 12);
    end64.writeUInt16LE(VERSION_ZIP64, 14);
    // This disk and the directory's disk (16..23) are zero.
    end64.writeBigUInt64LE(BigInt(entryCount), 24);
    end64.writeBigUInt64LE(BigInt(entryCount), 32);
    end64.writeBigUInt64LE(BigInt(directorySize), 40);
    end64.writeBigUInt64LE(BigInt(directoryOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
    locator.writeUInt32LE(1, 16);
    records.push(end64, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entryCount, MAX_16), 8);
  end.writeUInt16LE(Math.min(entryCount, MAX_16), 10);
  end.writeUInt32LE(Math.min(directorySize, MAX_32), 12);
  end.writeUInt32LE(Math.min(directoryOffset, MAX_32), 16);
  records.push(end);
  return Buffer.concat(records);
}
