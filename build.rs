//! Embeds the default theme (`themes/default/**`) into the binary, so a new template or static
//! file is picked up without editing a list by hand.

use std::io::Write;
use std::path::Path;

fn main() {
    // Read at run time: `env!` would bake in the folder the build script was first compiled in
    // (a copied target/ then embeds another checkout's theme).
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo");
    let root = Path::new(&manifest_dir).join("themes/default");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_theme.rs");
    let mut f = std::fs::File::create(out).unwrap();
    writeln!(f, "/// (path under themes/default, bytes), sorted by path.").unwrap();
    writeln!(f, "pub const FILES: &[(&str, &[u8])] = &[").unwrap();
    for rel in files {
        let abs = root.join(&rel);
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(
            f,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    writeln!(f, "];").unwrap();
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, out);
        } else {
            out.push(
                path.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}
