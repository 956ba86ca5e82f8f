//! JSON Lines sink: one record per line, flushed per record so a consumer sees progress and
//! a killed run keeps every record already written.

use std::io::{self, Write};

use crate::record::Record;

pub struct JsonlSink<W: Write> {
    out: W,
    pretty: bool,
}

impl<W: Write> JsonlSink<W> {
    pub fn new(out: W, pretty: bool) -> Self {
        JsonlSink { out, pretty }
    }

    pub fn write(&mut self, rec: &Record) -> io::Result<()> {
        if self.pretty {
            serde_json::to_writer_pretty(&mut self.out, rec)?;
        } else {
            serde_json::to_writer(&mut self.out, rec)?;
        }
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}
