# deep-tree.pl DEPTH BLOBHEX: prints on stdout a pack (for git
# index-pack --stdin) of a chain of DEPTH trees a/a/.../x.md, x.md being
# blob BLOBHEX (not in the pack); its top tree id goes to stderr.  git
# fast-import cannot make paths that deep, and loose objects are slow.
use strict;
use Digest::SHA qw(sha1 sha1_hex);
use Compress::Zlib;
my ($depth, $blob) = @ARGV;
my @objs;
my $body = "100644 x.md\0" . pack('H*', $blob);
my $id;
for my $i (0 .. $depth) {
	push @objs, $body;
	$id = sha1("tree " . length($body) . "\0" . $body);
	$body = "40000 a\0" . $id;
}
my $out = "PACK" . pack('NN', 2, scalar @objs);
for my $b (@objs) {
	my $n = length($b);
	my $c = ($n & 15) | (2 << 4);	# type 2: tree
	$n >>= 4;
	my $h = '';
	while ($n) { $h .= chr($c | 0x80); $c = $n & 0x7f; $n >>= 7; }
	$h .= chr($c);
	$out .= $h . compress($b);
}
$out .= sha1($out);
binmode STDOUT;
print $out;
print STDERR unpack('H*', $id), "\n";
